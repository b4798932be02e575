package org.ssl4j.video.compressed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.io.VideoWriter;

/** Motion vectors of generated videos whose true motion is a known global translation. */
class MotionVectorReaderTest {
    private static final int FRAMES = TranslatingFrames.FRAMES;
    private static final int DX = TranslatingFrames.DX;
    private static final int DY = TranslatingFrames.DY;

    @TempDir
    Path dir;

    private Path translatingVideo(String name, VideoWriter.Settings settings) {
        return TranslatingFrames.write(dir.resolve(name), settings);
    }

    /** Mean displacement over the predicted cells at least 16 pixels from the border (where content enters). */
    private static float[] interiorMean(MotionField f) {
        int border = 16 / f.stride();
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int r = border; r < f.height() - border; r++) {
            for (int c = border; c < f.width() - border; c++) {
                if (f.predicted(r, c)) {
                    sx += f.dx(r, c);
                    sy += f.dy(r, c);
                    n++;
                }
            }
        }
        assertThat(n).as("predicted interior cells of frame %d", f.index()).isPositive();
        return new float[] {(float) (sx / n), (float) (sy / n)};
    }

    private static void assertGlobalTranslation(List<MotionField> fields, char type) {
        List<MotionField> typed = fields.stream().filter(f -> f.pictureType() == type).toList();
        assertThat(typed).as("%c-frames", type).isNotEmpty();
        for (MotionField f : typed) {
            float[] mean = interiorMean(f);
            assertThat(mean[0]).as("mean dx of %c-frame %d", type, f.index()).isCloseTo(DX, within(0.25f));
            assertThat(mean[1]).as("mean dy of %c-frame %d", type, f.index()).isCloseTo(DY, within(0.25f));
        }
    }

    private static void assertIntraFramesAreZero(List<MotionField> fields) {
        List<MotionField> intra = fields.stream().filter(f -> f.pictureType() == 'I').toList();
        assertThat(intra).isNotEmpty();
        for (MotionField f : intra) {
            assertThat(f.keyFrame()).isTrue();
            for (int cell = 0; cell < f.coverage().length; cell++) {
                assertThat(f.coverage()[cell]).isZero();
            }
            for (float v : f.motion()) {
                assertThat(v).isZero();
            }
        }
    }

    @Test
    void h264PFramesGiveTheTranslationPerFrame() {
        Path file = translatingVideo("h264.mp4", new VideoWriter.Settings(VideoWriter.Codec.H264, 25, 12, 0,
                2_000_000));
        try (MotionVectorReader reader = MotionVectorReader.open(file, 4, 1)) {
            assertThat(reader.frameWidth()).isEqualTo(TranslatingFrames.WIDTH);
            List<MotionField> fields = reader.readAll();
            assertThat(fields).hasSize(FRAMES);
            assertThat(fields.get(0).pictureType()).isEqualTo('I');
            assertThat(fields.get(0).height()).isEqualTo(TranslatingFrames.HEIGHT / 4);
            for (int i = 0; i < FRAMES; i++) {
                assertThat(fields.get(i).index()).isEqualTo(i);
            }
            assertGlobalTranslation(fields, 'P');
            assertIntraFramesAreZero(fields);
        }
    }

    /** P-frames 3 frames from the previous anchor, B-frames 1 or 2 from each, in both directions. */
    private static void assertPAndBFramesGiveTheTranslation(Path file) {
        try (MotionVectorReader reader = MotionVectorReader.open(file, 4, 1)) {
            List<MotionField> fields = reader.readAll();
            assertThat(fields).hasSize(FRAMES);
            assertGlobalTranslation(fields, 'P');
            assertGlobalTranslation(fields, 'B');
            assertIntraFramesAreZero(fields);
        }
    }

    @Test
    void h264BFramesScaledToTheSameTranslation() throws Exception {
        Path file = dir.resolve("h264-b.mp4"); // libx264 with B-frames, made by TranslatingFrames' command
        try (InputStream in = getClass().getResourceAsStream("/video/translate-h264-bframes.mp4")) {
            Files.copy(in, file);
        }
        assertPAndBFramesGiveTheTranslation(file);
    }

    @Test
    void mpeg2BFramesScaledToTheSameTranslation() {
        Path file = translatingVideo("mpeg2.mp4", new VideoWriter.Settings(VideoWriter.Codec.MPEG2, 25, 12, 2,
                4_000_000));
        assertPAndBFramesGiveTheTranslation(file);
    }

    @Test
    void mpeg4PFramesScaledAndItsVectorlessBFramesLeftUnpredicted() {
        Path file = translatingVideo("mpeg4.mp4", new VideoWriter.Settings(VideoWriter.Codec.MPEG4, 25, 12, 2,
                4_000_000));
        try (MotionVectorReader reader = MotionVectorReader.open(file, 4, 1)) {
            List<MotionField> fields = reader.readAll();
            assertThat(fields).hasSize(FRAMES);
            assertGlobalTranslation(fields, 'P');
            List<MotionField> b = fields.stream().filter(f -> f.pictureType() == 'B').toList();
            assertThat(b).isNotEmpty().allSatisfy(f -> assertThat(f.coverage()).containsOnly(0));
            assertIntraFramesAreZero(fields);
        }
    }

    @Test
    void missingOrNonVideoFilesGiveOneLineErrors() throws Exception {
        assertThatThrownBy(() -> MotionVectorReader.open(dir.resolve("none.mp4"), 4, 1))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("none.mp4").hasMessageContaining("exist");
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video at all\n".repeat(50));
        assertThatThrownBy(() -> MotionVectorReader.open(text, 4, 1))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("notes.mp4");
    }
}
