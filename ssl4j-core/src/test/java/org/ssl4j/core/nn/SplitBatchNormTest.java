package org.ssl4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;
import org.ssl4j.core.tensor.Tensors;

class SplitBatchNormTest extends EngineTest {
    private static final int N = 8;
    private static final int C = 3;
    private static final int HW = 4;
    private static final int SPLITS = 2;

    @Test
    void normalisesEachInterleavedSplitWithItsOwnStatistics() {
        Random r = new Random(1);
        float[] x = new float[N * C * HW];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 2 + 1);
        }
        SplitBatchNorm bn = new SplitBatchNorm(SPLITS);
        bn.initialize(manager, DataType.FLOAT32, new Shape(N, C, 2, 2));
        ParameterStore store = new ParameterStore(manager, false);
        NDArray input = Tensors.fromHeap(manager, x, new Shape(N, C, 2, 2));
        NDArray y;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            y = bn.forward(store, new NDList(input), true).singletonOrThrow();
            collector.backward(y.mul(y.add(Tensors.scalar(y, 1f))).sum());
        }
        float[] out = y.toFloatArray();
        double[] runningMean = new double[C];
        double[] runningVar = new double[C];
        for (int s = 0; s < SPLITS; s++) {
            for (int c = 0; c < C; c++) {
                double sum = 0;
                double sq = 0;
                int count = 0;
                for (int i = s; i < N; i += SPLITS) {
                    for (int p = 0; p < HW; p++) {
                        double v = x[(i * C + c) * HW + p];
                        sum += v;
                        sq += v * v;
                        count++;
                    }
                }
                double mean = sum / count;
                double var = sq / count - mean * mean;
                for (int i = s; i < N; i += SPLITS) {
                    for (int p = 0; p < HW; p++) {
                        int at = (i * C + c) * HW + p;
                        assertThat((double) out[at]).as("y[%d]", at)
                                .isCloseTo((x[at] - mean) / Math.sqrt(var + 1e-5), within(1e-4));
                    }
                }
                runningMean[c] += (0.1 * mean) / SPLITS; // PyTorch momentum 0.1 from 0
                runningVar[c] += (0.9 + 0.1 * var * count / (count - 1)) / SPLITS; // unbiased, from 1
            }
        }
        float[] rm = bn.getParameters().get("runningMean").getArray().toFloatArray();
        float[] rv = bn.getParameters().get("runningVar").getArray().toFloatArray();
        for (int c = 0; c < C; c++) {
            assertThat((double) rm[c]).isCloseTo(runningMean[c], within(1e-5));
            assertThat((double) rv[c]).isCloseTo(runningVar[c], within(1e-5));
        }
        assertThat(bn.getParameters().get("gamma").getArray().getGradient().abs().sum().getFloat()).isPositive();
        assertThat(bn.getParameters().get("beta").getArray().getGradient().abs().sum().getFloat()).isPositive();

        // inference: plain batch norm with the running statistics
        float[] eval = bn.forward(store, new NDList(input), false).singletonOrThrow().toFloatArray();
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < C; c++) {
                int at = (i * C + c) * HW;
                assertThat((double) eval[at]).isCloseTo((x[at] - rm[c]) / Math.sqrt(rv[c] + 1e-5), within(1e-4));
            }
        }
    }

    @Test
    void oneSplitIsOrdinaryBatchNormAndAnIndivisibleBatchIsRejected() {
        SplitBatchNorm bn = new SplitBatchNorm(3);
        bn.initialize(manager, DataType.FLOAT32, new Shape(6, 2));
        ParameterStore store = new ParameterStore(manager, false);
        assertThatThrownBy(() -> bn.forward(store, new NDList(manager.ones(new Shape(4, 2))), true))
                .hasMessageContaining("batch of 4 cannot be cut into 3");
        assertThatThrownBy(() -> new SplitBatchNorm(0)).hasMessageContaining(">= 1");
    }
}
