package org.ssl4j.video.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.Ssl4jException;

/** Frames by time from a video whose frames say their own index by their grey level, and clip times. */
class VideoDecoderTest {
    private static final int FRAMES = LevelsVideo.FRAMES;

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void writeVideo() {
        file = LevelsVideo.write(dir.resolve("levels.mp4"));
    }

    private static int frameIndex(float[] rgb) {
        return LevelsVideo.frameIndex(rgb);
    }

    @Test
    void returnsTheFrameShownAtEachTimeScaled() {
        try (VideoDecoder decoder = VideoDecoder.open(file, 32, 24, 1)) {
            assertThat(decoder.info().framesPerSecond()).isCloseTo(25, within(1e-6));
            assertThat(decoder.info().seconds()).isCloseTo(1.6, within(0.05));
            assertThat(decoder.info().width()).isEqualTo(64);
            assertThat(decoder.info().hasAudio()).isFalse();
            double[] times = {0.0, 0.2, 0.21, 0.5, 0.52, 0.52, 1.0, 9.0};
            float[][] frames = decoder.framesAt(times);
            assertThat(frames).hasNumberOfRows(times.length);
            assertThat(frames[0]).hasSize(3 * 32 * 24);
            int[] expected = {0, 5, 5, 12, 13, 13, 25, FRAMES - 1};
            for (int i = 0; i < times.length; i++) {
                assertThat(frameIndex(frames[i])).as("frame shown at %s s", times[i]).isEqualTo(expected[i]);
            }
            // A second request on the same decoder seeks again, backwards too.
            assertThat(frameIndex(decoder.framesAt(new double[] {0.36})[0])).isEqualTo(9);
        }
    }

    @Test
    void decodesTheSampledClips() {
        ClipSampler sampler = new ClipSampler(4, 2, 25, ClipSampler.Position.UNIFORM, 3);
        try (VideoDecoder decoder = VideoDecoder.open(file, 0, 0, 1)) {
            double[][] clips = sampler.clipTimes(decoder.info().seconds(), new SplittableRandom(1));
            int[] firsts = new int[3];
            for (int c = 0; c < 3; c++) {
                float[][] frames = decoder.framesAt(clips[c]);
                firsts[c] = frameIndex(frames[0]);
                for (int f = 1; f < 4; f++) {
                    assertThat(frameIndex(frames[f]) - frameIndex(frames[f - 1])).isEqualTo(2);
                }
            }
            assertThat(firsts[0]).isZero();
            assertThat(firsts[2]).isEqualTo(FRAMES - 1 - 6); // the last start that leaves the whole clip in the video
        }
    }

    @Test
    void readsTheSameFramesFromMkvAviAndWebm() {
        VideoWriter.Codec[] codecs = {VideoWriter.Codec.H264, VideoWriter.Codec.MPEG4, VideoWriter.Codec.VP9};
        String[] names = {"levels.mkv", "levels.avi", "levels.webm"};
        for (int i = 0; i < names.length; i++) {
            Path video = LevelsVideo.write(dir.resolve(names[i]), codecs[i]);
            try (VideoDecoder decoder = VideoDecoder.open(video, 32, 24, 1)) {
                assertThat(decoder.info().framesPerSecond()).as(names[i]).isCloseTo(25, within(1e-3));
                float[][] frames = decoder.framesAt(new double[] {0.0, 0.2, 0.5, 1.0});
                int[] expected = {0, 5, 12, 25};
                for (int f = 0; f < expected.length; f++) {
                    assertThat(frameIndex(frames[f])).as("%s frame %d", names[i], f).isEqualTo(expected[f]);
                }
            }
        }
        assertThatThrownBy(() -> LevelsVideo.write(dir.resolve("bad.webm"), VideoWriter.Codec.H264))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("VP9");
        assertThatThrownBy(() -> LevelsVideo.write(dir.resolve("bad.mov"), VideoWriter.Codec.H264))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining(".mkv");
    }

    @Test
    void badRequestsAreOneLineErrors() {
        try (VideoDecoder decoder = VideoDecoder.open(file, 0, 0, 1)) {
            assertThatThrownBy(() -> decoder.framesAt(new double[] {0.5, 0.4})).isInstanceOf(Ssl4jException.class)
                    .hasMessageContaining("non-decreasing").hasMessageContaining("levels.mp4");
        }
        assertThatThrownBy(() -> VideoDecoder.open(file, 32, 0, 1)).isInstanceOf(Ssl4jException.class);
    }
}
