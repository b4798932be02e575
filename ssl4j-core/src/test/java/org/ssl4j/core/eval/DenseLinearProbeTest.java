package org.ssl4j.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;

class DenseLinearProbeTest extends EngineTest {
    @Test
    void scoresAHandComputedCase() {
        // truth 0 0 1 1 2, predicted 0 1 1 1 0: IoU0 = 1/3, IoU1 = 2/3, IoU2 = 0/1; accuracy 3/5
        DenseLinearProbe.Result r = DenseLinearProbe.score(new int[] {0, 1, 1, 1, 0}, new int[] {0, 0, 1, 1, 2}, 4);
        assertThat(r.classIou()[0]).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(r.classIou()[1]).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(r.classIou()[2]).isZero();
        assertThat(r.classIou()[3]).isNaN(); // absent from both: not averaged
        assertThat(r.meanIou()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(r.pixelAccuracy()).isCloseTo(0.6, within(1e-12));
    }

    /**
     * 16x16 label maps for maps {@code (n, 3, 4, 4)}: the argmax over channels of the maps upsampled bilinearly with
     * half-pixel centres (PyTorch's {@code align_corners=False}), computed here in plain Java. A probe that is the
     * identity on the channels reproduces them exactly.
     */
    private static int[] cellLabels(float[] maps, int n, int classes) {
        int[] labels = new int[n * 256];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    int best = 0;
                    double bestValue = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < classes; c++) {
                        double v = bilinear(maps, (i * 3 + c) * 16, y, x);
                        if (v > bestValue) {
                            bestValue = v;
                            best = c;
                        }
                    }
                    labels[i * 256 + y * 16 + x] = best;
                }
            }
        }
        return labels;
    }

    private static double bilinear(float[] maps, int offset, int y, int x) {
        double sy = Math.max(0, (y + 0.5) / 4 - 0.5);
        double sx = Math.max(0, (x + 0.5) / 4 - 0.5);
        int y0 = (int) sy;
        int x0 = (int) sx;
        int y1 = Math.min(y0 + 1, 3);
        int x1 = Math.min(x0 + 1, 3);
        double fy = sy - y0;
        double fx = sx - x0;
        double top = maps[offset + y0 * 4 + x0] * (1 - fx) + maps[offset + y0 * 4 + x1] * fx;
        double bottom = maps[offset + y1 * 4 + x0] * (1 - fx) + maps[offset + y1 * 4 + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    @Test
    void learnsLabelsThatAreALinearFunctionOfTheCellsAndNotRandomOnes() {
        Random random = new Random(1);
        float[] train = new float[200 * 48];
        float[] test = new float[100 * 48];
        for (int i = 0; i < train.length; i++) {
            train[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < test.length; i++) {
            test[i] = (float) random.nextGaussian();
        }
        NDArray trainMaps = manager.create(train, new Shape(200, 3, 4, 4));
        NDArray testMaps = manager.create(test, new Shape(100, 3, 4, 4));
        DenseLinearProbe probe = new DenseLinearProbe(30, 20, 0.05f, 0f, 0);
        DenseLinearProbe.Result learnt = probe.fitAndTest(trainMaps, cellLabels(train, 200, 3), testMaps,
                cellLabels(test, 100, 3), 3, 16, 16, manager);
        assertThat(learnt.pixelAccuracy()).isGreaterThan(0.95);
        assertThat(learnt.meanIou()).isGreaterThan(0.9);

        int[] shuffled = cellLabels(train, 200, 3);
        int[] noise = new int[shuffled.length];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextInt(3);
        }
        DenseLinearProbe.Result chance = probe.fitAndTest(trainMaps, noise, testMaps, cellLabels(test, 100, 3), 3, 16,
                16, manager);
        assertThat(chance.meanIou()).isLessThan(0.45);
    }
}
