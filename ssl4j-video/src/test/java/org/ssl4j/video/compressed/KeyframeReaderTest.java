package org.ssl4j.video.compressed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.io.LevelsVideo;

/** Keyframes found by time in a video whose frames say their own index by their grey level. */
class KeyframeReaderTest {
    private static final int FRAMES = LevelsVideo.FRAMES;

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void writeVideo() {
        file = LevelsVideo.write(dir.resolve("levels.mp4"));
    }

    private static double meanLevel(KeyframeReader.Keyframe k) {
        return LevelsVideo.mean(k.rgb());
    }

    @Test
    void returnsTheLastKeyframeAtOrBeforeTheTime() {
        try (KeyframeReader reader = KeyframeReader.open(file, 0, 0)) {
            assertThat(reader.duration()).isCloseTo(FRAMES / 25.0, within(0.05));
            assertThat(reader.keyframeTimes()).containsExactly(0, 0.48, 0.96, 1.44);
            double[][] cases = {{0.0, 0}, {0.3, 0}, {0.5, 12}, {0.96, 24}, {1.0, 24}, {1.44, 36}, {9.0, 36}};
            for (double[] c : cases) {
                KeyframeReader.Keyframe k = reader.at(c[0]);
                int expected = (int) c[1];
                assertThat(k.seconds()).as("time of the keyframe for %s s", c[0]).isCloseTo(expected / 25.0,
                        within(1e-6));
                assertThat(meanLevel(k)).as("level of the keyframe for %s s", c[0])
                        .isCloseTo(LevelsVideo.level(expected), within(0.02)); // YUV's limited range: ~0.01 off
                assertThat(k.width()).isEqualTo(64);
                assertThat(k.height()).isEqualTo(48);
            }
        }
    }

    @Test
    void scalesToTheSizeAskedFor() {
        try (KeyframeReader reader = KeyframeReader.open(file, 32, 24)) {
            KeyframeReader.Keyframe k = reader.at(0.5);
            assertThat(k.width()).isEqualTo(32);
            assertThat(k.height()).isEqualTo(24);
            assertThat(k.rgb()).hasSize(3 * 32 * 24);
            assertThat(meanLevel(k)).isCloseTo(LevelsVideo.level(12), within(0.02));
        }
    }

    @Test
    void badRequestsGiveOneLineErrors() {
        assertThatThrownBy(() -> KeyframeReader.open(file, 32, 0)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("32x0");
        try (KeyframeReader reader = KeyframeReader.open(file, 0, 0)) {
            assertThatThrownBy(() -> reader.at(-1)).isInstanceOf(Ssl4jException.class)
                    .hasMessageContaining("-1.0").hasMessageContaining("levels.mp4");
        }
    }
}
