package org.ssl4j.video.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;

/** Clip start positions and frame spacing. */
class ClipSamplerTest {
    @Test
    void framesAreStrideApartAndClipsStayInsideTheVideo() {
        ClipSampler sampler = new ClipSampler(8, 2, 25, ClipSampler.Position.RANDOM, 5);
        assertThat(sampler.span()).isCloseTo(14 / 25.0, within(1e-12));
        double[][] clips = sampler.clipTimes(3.0, new SplittableRandom(4));
        assertThat(clips).hasNumberOfRows(5);
        for (double[] clip : clips) {
            assertThat(clip[0]).isBetween(0.0, 3.0 - 15 / 25.0);
            for (int f = 1; f < 8; f++) {
                assertThat(clip[f] - clip[f - 1]).isCloseTo(2 / 25.0, within(1e-12));
            }
        }
        assertThat(clips[0][0]).isNotEqualTo(clips[1][0]);
        assertThat(sampler.clipTimes(3.0, new SplittableRandom(4))).isDeepEqualTo(clips); // one seed, one answer
    }

    @Test
    void uniformAndCentrePositions() {
        double[][] uniform = new ClipSampler(5, 1, 10, ClipSampler.Position.UNIFORM, 3)
                .clipTimes(2.0, new SplittableRandom(0));
        double last = 2.0 - 0.4 - 0.1;
        assertThat(uniform[0][0]).isZero();
        assertThat(uniform[1][0]).isCloseTo(last / 2, within(1e-12));
        assertThat(uniform[2][0]).isCloseTo(last, within(1e-12));
        double[][] centre = new ClipSampler(5, 1, 10, ClipSampler.Position.parse("center"), 1)
                .clipTimes(2.0, new SplittableRandom(0));
        assertThat(centre[0][0]).isCloseTo(last / 2, within(1e-12));
        double[][] shortVideo = new ClipSampler(16, 1, 25, ClipSampler.Position.RANDOM, 1)
                .clipTimes(0.2, new SplittableRandom(0));
        assertThat(shortVideo[0][0]).isZero(); // a video shorter than the clip: from its start
    }

    @Test
    void badValuesAreOneLineErrors() {
        assertThatThrownBy(() -> ClipSampler.Position.parse("middle")).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("'middle'");
        assertThatThrownBy(() -> new ClipSampler(0, 1, 25, ClipSampler.Position.RANDOM, 1))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("clip frames");
    }
}
