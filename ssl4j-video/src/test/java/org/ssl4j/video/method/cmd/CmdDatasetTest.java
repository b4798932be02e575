package org.ssl4j.video.method.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.video.augment.ClipAugmentation;
import org.ssl4j.video.compressed.MotionField;
import org.ssl4j.video.compressed.MotionFieldCache;
import org.ssl4j.video.compressed.TranslatingFrames;
import org.ssl4j.video.data.SampleLayout;
import org.ssl4j.video.data.VideoFolder;
import org.ssl4j.video.io.VideoDecoder;
import org.ssl4j.video.io.VideoWriter;

/** CMD's inputs read from an H.264 video of a known translation, and the views made of them. */
class CmdDatasetTest {
    private static final int STRIDE = 8; // 20 x 16 cells of the 160 x 128 video
    private static final int SIZE = 32;

    @TempDir
    Path dir;

    @Test
    void aSampleHoldsThePlannedClipKeyframeAndMotionVectors() throws Exception {
        Files.createDirectories(dir.resolve("videos/moving"));
        Path file = TranslatingFrames.write(dir.resolve("videos/moving/t.mp4"),
                new VideoWriter.Settings(VideoWriter.Codec.H264, 25, 12, 0, 2_000_000));
        VideoFolder videos = VideoFolder.fromClassFolders(dir.resolve("videos"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        MotionFieldCache cache = new MotionFieldCache(dir.resolve("cache"), STRIDE, quiet);
        CmdSampling sampling = new CmdSampling(4, 2, 3, 1, 2);
        int motionSize = 10; // the 20 x 16 cells resampled: 0.5 map cells per video cell across, 0.625 down
        CmdDataset data = new CmdDataset(videos, sampling, SIZE, motionSize, cache);
        SampleLayout layout = data.layout();
        assertThat(new int[] {layout.length(CmdDataset.CLIP), layout.length(CmdDataset.KEYFRAME),
            layout.length(CmdDataset.FUTURE_MOTION), layout.length(CmdDataset.OTHER_MOTION)})
                .containsExactly(3 * 4 * SIZE * SIZE, 3 * SIZE * SIZE, 2 * 3 * 10 * 10, 2 * 3 * 10 * 10);
        assertThat(data.sampleShape()).containsExactly(layout.sampleLength());

        List<MotionField> fields = cache.fields(file);
        for (long seed = 0; seed < 4; seed++) {
            CmdSampling.Plan plan = sampling.plan(fields, new SplittableRandom(seed), "t.mp4"); // the read's draw
            float[] sample = new float[layout.sampleLength()];
            data.read(0, sample, 0, new SplittableRandom(seed));

            double[] times = Arrays.stream(plan.clip()).mapToDouble(f -> fields.get(f).seconds()).toArray();
            int plane = SIZE * SIZE;
            try (VideoDecoder decoder = VideoDecoder.open(file, SIZE, SIZE, 1)) {
                float[][] frames = decoder.framesAt(times);
                for (int t = 0; t < times.length; t++) { // (3, T, S, S): channel c of frame t
                    for (int c = 0; c < 3; c++) {
                        assertThat(Arrays.copyOfRange(sample, (c * 4 + t) * plane, (c * 4 + t + 1) * plane))
                                .as("clip frame %d channel %d", t, c)
                                .containsExactly(Arrays.copyOfRange(frames[t], c * plane, (c + 1) * plane));
                    }
                }
                float[] keyframe = decoder.framesAt(new double[] {fields.get(plan.keyframe()).seconds()})[0];
                int at = layout.offset(CmdDataset.KEYFRAME);
                assertThat(fields.get(plan.keyframe()).keyFrame()).isTrue();
                assertThat(Arrays.copyOfRange(sample, at, at + keyframe.length)).as("keyframe")
                        .containsExactly(keyframe);
            }
            checkMotion(sample, layout.offset(CmdDataset.FUTURE_MOTION), plan.future(), fields, motionSize);
            checkMotion(sample, layout.offset(CmdDataset.OTHER_MOTION), plan.other(), fields, motionSize);
        }
    }

    /** Each P-frame's map moves (DX, DY) video pixels per frame (within 0.25 px), in cells of the resampled map. */
    private static void checkMotion(float[] sample, int at, int[] frames, List<MotionField> fields, int m) {
        for (int t = 0; t < frames.length; t++) {
            MotionField field = fields.get(frames[t]);
            double[] mean = new double[2];
            for (int c = 0; c < 2; c++) {
                int cells = 0;
                for (int y = 2; y < m - 2; y++) { // inner cells: those at the borders mix in uncovered ones
                    for (int x = 2; x < m - 2; x++) {
                        mean[c] += sample[at + (c * frames.length + t) * m * m + y * m + x];
                        cells++;
                    }
                }
                mean[c] /= cells;
            }
            double dx = TranslatingFrames.DX * (double) m / TranslatingFrames.WIDTH;
            double dy = TranslatingFrames.DY * (double) m / TranslatingFrames.HEIGHT;
            if (field.keyFrame()) {
                assertThat(mean).as("keyframe %d has no motion", frames[t]).containsExactly(0, 0);
            } else {
                assertThat(mean[0]).as("dx of frame %d", frames[t]).isCloseTo(dx, within(Math.abs(dx) / 8));
                assertThat(mean[1]).as("dy of frame %d", frames[t]).isCloseTo(dy, within(Math.abs(dy) / 4));
            }
        }
    }

    @Test
    void viewsAugmentTheClipAndKeyframeAndPassUncroppedMotionVectorsThrough() {
        int[] motion = {2, 3, 5, 5};
        SampleLayout layout = new SampleLayout("test parts", new int[] {3, 4, 16, 16}, new int[] {3, 16, 16}, motion,
                motion);
        // Crops of the whole picture, and colour jitter, which motion vectors must ignore.
        ClipAugmentation augmentation = new ClipAugmentation(1, 12, 1.0, 1.0, 0, 0.8, 0.5, 0.2);
        CmdViews views = new CmdViews(augmentation, layout);
        int[] sampleShape = {layout.sampleLength()};
        assertThat(views.numViews()).isEqualTo(4);
        assertThat(views.viewShape(sampleShape)).containsExactly(3, 4, 12, 12);
        assertThat(views.viewShape(1, sampleShape)).containsExactly(3, 12, 12);
        assertThat(views.viewShape(2, sampleShape)).containsExactly(2, 3, 5, 5);
        assertThat(views.viewShape(3, sampleShape)).containsExactly(2, 3, 5, 5);

        SplittableRandom values = new SplittableRandom(1);
        float[] sample = new float[layout.sampleLength()];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = (float) values.nextDouble();
        }
        float[][] a = new float[4][];
        float[][] b = new float[4][];
        for (int v = 0; v < 4; v++) { // room for two samples: this one goes second
            a[v] = new float[2 * views.viewLength(v, sampleShape)];
            b[v] = new float[2 * views.viewLength(v, sampleShape)];
        }
        views.apply(sample, sampleShape, new SplittableRandom(3), a, 1);
        views.apply(sample, sampleShape, new SplittableRandom(3), b, 1);
        assertThat(a).isDeepEqualTo(b);
        int n = layout.length(CmdDataset.FUTURE_MOTION);
        int motionStart = layout.offset(CmdDataset.FUTURE_MOTION);
        assertThat(Arrays.copyOfRange(a[2], n, 2 * n))
                .containsExactly(Arrays.copyOfRange(sample, motionStart, motionStart + n));
        assertThat(Arrays.copyOfRange(a[3], n, 2 * n))
                .containsExactly(Arrays.copyOfRange(sample, motionStart + n, motionStart + 2 * n));
        for (int v = 0; v < 2; v++) { // the first sample's place is untouched; the RGB views are in [0, 1]
            int half = a[v].length / 2;
            assertThat(Arrays.copyOfRange(a[v], 0, half)).containsOnly(0f);
            for (int i = half; i < a[v].length; i++) {
                assertThat(a[v][i]).isBetween(0f, 1f);
            }
        }
    }
}
