package org.ssl4j.video.method.modist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.video.augment.ClipAugmentation;
import org.ssl4j.video.compressed.TranslatingFrames;
import org.ssl4j.video.data.SampleLayout;
import org.ssl4j.video.data.VideoFolder;
import org.ssl4j.video.flow.FlowCache;
import org.ssl4j.video.flow.OpticalFlow;
import org.ssl4j.video.io.VideoDecoder;
import org.ssl4j.video.io.VideoWriter;

/** MoDist's inputs from a video of a known translation: the clips, the flow under them, and its orientation. */
class ModistDatasetTest {
    private static final int SIZE = 32;
    private static final int FRAMES = 4;
    private static final double RATE = 12.5; // 25 fps over a stride of 2

    @TempDir
    Path dir;

    @Test
    void samplesHoldTwoClipsAndTheirFlowPointingTheWayTheVideoMoves() throws Exception {
        Files.createDirectories(dir.resolve("videos/moving"));
        Path file = TranslatingFrames.write(dir.resolve("videos/moving/t.mp4"),
                new VideoWriter.Settings(VideoWriter.Codec.H264, 25, 12, 0, 2_000_000));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        FlowCache flows = new FlowCache(dir.resolve("cache"), OpticalFlow.Method.FARNEBACK, SIZE, SIZE, RATE, quiet);
        ModistDataset data = new ModistDataset(VideoFolder.fromClassFolders(dir.resolve("videos")), FRAMES, RATE,
                SIZE, SIZE, flows);
        SampleLayout layout = data.layout();
        assertThat(layout.offset(ModistDataset.CLIP_A + 1)).isEqualTo(3 * FRAMES * SIZE * SIZE);
        assertThat(layout.offset(ModistDataset.FLOW_A)).isEqualTo(2 * 3 * FRAMES * SIZE * SIZE);
        assertThat(layout.length(ModistDataset.FLOW_A + 1)).isEqualTo(2 * FRAMES * SIZE * SIZE);
        float[] sample = new float[layout.sampleLength()];
        data.read(0, sample, 0, new SplittableRandom(4));

        // The clips are the decoded frames on the flow's grid: find each clip's start among the grid's frames.
        int count = flows.flow(file).flows().size();
        int plane = SIZE * SIZE;
        try (VideoDecoder decoder = VideoDecoder.open(file, SIZE, SIZE, 1)) {
            for (int c = 0; c < 2; c++) {
                int clip = layout.offset(ModistDataset.CLIP_A + c);
                float[] first = Arrays.copyOfRange(sample, clip, clip + plane);
                int start = -1;
                for (int k = 0; k + FRAMES <= count && start < 0; k++) {
                    float[] red = Arrays.copyOf(decoder.framesAt(new double[] {k / RATE})[0], plane);
                    start = Arrays.equals(red, first) ? k : -1;
                }
                assertThat(start).as("clip %d starts on the flow grid", c).isNotNegative();
                float[] expected = flows.flow(file).flows().get(start + 1); // (2, f, f) under the clip's 2nd frame
                int at = layout.offset(ModistDataset.FLOW_A + c) + plane; // channel 0, frame 1
                assertThat(Arrays.copyOfRange(sample, at, at + plane)).containsExactly(Arrays.copyOf(expected, plane));
            }
        }

        // Flow maps of half the side: each value the mean of a 2x2 block, in pixels of the smaller map (halved).
        ModistDataset half = new ModistDataset(VideoFolder.fromClassFolders(dir.resolve("videos")), FRAMES, RATE,
                SIZE, SIZE / 2, flows);
        float[] small = new float[half.layout().sampleLength()];
        half.read(0, small, 0, new SplittableRandom(4)); // the same draws: the same clips
        int h = SIZE / 2;
        for (int c = 0; c < 2; c++) {
            int full = layout.offset(ModistDataset.FLOW_A + c);
            int halved = half.layout().offset(ModistDataset.FLOW_A + c);
            for (int i = 0; i < 2 * FRAMES * h * h; i++) { // (channel * frame) planes of h x h
                int map = i / (h * h);
                int y = i % (h * h) / h;
                int x = i % h;
                int at = full + map * SIZE * SIZE + 2 * y * SIZE + 2 * x;
                double block = (sample[at] + sample[at + 1] + sample[at + SIZE] + sample[at + SIZE + 1]) / 4.0;
                assertThat((double) small[halved + i]).isCloseTo(block / 2, within(1e-5));
            }
        }

        // The video moves DX px right and DY px down per video frame at 160x128: at 32x32 and 2 frames per step,
        // 0.8 px right and 0.5 px up per flow step. Full-picture crops (views as read), then a mirrored one.
        double dx = TranslatingFrames.DX * 2.0 * SIZE / TranslatingFrames.WIDTH;
        double dy = TranslatingFrames.DY * 2.0 * SIZE / TranslatingFrames.HEIGHT;
        double bound = 2;
        for (boolean mirror : new boolean[] {false, true}) {
            ModistViews views = new ModistViews(new ClipAugmentation(1, SIZE, 1, 1, mirror ? 1 : 0, 0, 0, 0),
                    layout, bound);
            int[] shape = data.sampleShape();
            assertThat(views.viewShape(0, shape)).containsExactly(3, FRAMES, SIZE, SIZE);
            assertThat(views.viewShape(2, shape)).containsExactly(2, FRAMES, SIZE, SIZE);
            float[][] out = new float[4][];
            for (int v = 0; v < 4; v++) {
                out[v] = new float[views.viewLength(v, shape)];
            }
            views.apply(sample, shape, new SplittableRandom(1), out, 0);
            for (int v = 2; v < 4; v++) {
                double[] mean = innerMean(out[v]);
                assertThat(mean[0]).as("dx, mirrored %s", mirror).isCloseTo((mirror ? -dx : dx) / bound,
                        within(0.3 * dx / bound));
                assertThat(mean[1]).as("dy, mirrored %s", mirror).isCloseTo(dy / bound, within(0.3 * -dy / bound));
            }
        }
    }

    /** The mean x and y flow of a {@code (2, T, S, S)} clip over its inner cells (borders see uncovered content). */
    private static double[] innerMean(float[] flow) {
        double[] mean = new double[2];
        int cells = 0;
        for (int c = 0; c < 2; c++) {
            for (int t = 0; t < FRAMES; t++) {
                for (int y = 6; y < SIZE - 6; y++) {
                    for (int x = 6; x < SIZE - 6; x++) {
                        mean[c] += flow[((c * FRAMES + t) * SIZE + y) * SIZE + x];
                        cells += c == 0 ? 1 : 0;
                    }
                }
            }
        }
        return new double[] {mean[0] / cells, mean[1] / cells};
    }
}
