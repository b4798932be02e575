package org.ssl4j.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;

class NtXentLossTest extends EngineTest {
    private NDArray nd(double[][] x, DataType type) {
        return Vectors.array(manager, x, type);
    }

    /** Independent float64 reference written from SimCLR eq. 1, with plain loops. */
    static double reference(double[][] z1, double[][] z2, double tau) {
        int n = z1.length;
        double[][] z = new double[2 * n][];
        for (int i = 0; i < n; i++) {
            z[i] = Vectors.unit(z1[i]);
            z[n + i] = Vectors.unit(z2[i]);
        }
        double total = 0;
        for (int i = 0; i < 2 * n; i++) {
            int p = i < n ? i + n : i - n;
            double denominator = 0;
            for (int j = 0; j < 2 * n; j++) {
                if (j != i) {
                    denominator += Math.exp(Vectors.dot(z[i], z[j]) / tau);
                }
            }
            total += -Math.log(Math.exp(Vectors.dot(z[i], z[p]) / tau) / denominator);
        }
        return total / (2 * n);
    }

    @Test
    void matchesFloat64ReferenceOnRandomInputs() {
        Random r = new Random(42);
        for (float tau : new float[] {0.1f, 0.5f, 1.0f}) {
            double[][] z1 = Vectors.random(r, 16, 8);
            double[][] z2 = Vectors.random(r, 16, 8);
            float loss = new NtXentLoss(tau).compute(nd(z1, DataType.FLOAT32), nd(z2, DataType.FLOAT32))
                    .getFloat();
            assertThat((double) loss).isCloseTo(reference(z1, z2, tau), within(1e-5 * Math.max(1, reference(z1, z2, tau))));
        }
    }

    @Test
    void handComputedTwoPairCase() {
        // z = a, b, a', b' with a = a' = (1, 0), b = b' = (0, 1), tau = 1. Every anchor has similarity 1 with its
        // positive and 0 with its two negatives: l = -log(e / (e + 2)) = log(1 + 2 / e) = 0.5514447...
        double[][] z1 = {{1, 0}, {0, 1}};
        double[][] z2 = {{2, 0}, {0, 3}}; // scale does not matter after normalisation
        float loss = new NtXentLoss(1f).compute(nd(z1, DataType.FLOAT32), nd(z2, DataType.FLOAT32)).getFloat();
        assertThat((double) loss).isCloseTo(Math.log(1 + 2 / Math.E), within(1e-6));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random r = new Random(7);
        double[][] z1 = Vectors.random(r, 4, 3);
        double[][] z2 = Vectors.random(r, 4, 3);
        NtXentLoss loss = new NtXentLoss(0.5f);
        NDArray a = nd(z1, DataType.FLOAT64);
        NDArray b = nd(z2, DataType.FLOAT64);
        a.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss.compute(a, b));
        }
        double[] analytic = a.getGradient().toDoubleArray();
        double eps = 1e-6;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                double saved = z1[i][j];
                z1[i][j] = saved + eps;
                double up = loss.compute(nd(z1, DataType.FLOAT64), b).getDouble();
                z1[i][j] = saved - eps;
                double down = loss.compute(nd(z1, DataType.FLOAT64), b).getDouble();
                z1[i][j] = saved;
                assertThat(analytic[i * 3 + j]).as("dL/dz1[%d][%d]", i, j).isCloseTo((up - down) / (2 * eps), within(1e-6));
            }
        }
    }

    /**
     * Autograd keeps the tensors an operation saved for backward; if one of them borrowed memory from a Java buffer
     * (DJL's {@code Number} overloads do) a garbage collection between forward and backward frees it and the gradient
     * is computed from whatever reuses that memory. Collect and scribble over freed native memory in between.
     */
    @Test
    void gradientSurvivesGarbageCollectionBetweenForwardAndBackward() throws InterruptedException {
        Random r = new Random(11);
        double[][] z1 = Vectors.random(r, 8, 4);
        double[][] z2 = Vectors.random(r, 8, 4);
        NtXentLoss loss = new NtXentLoss(0.2f);
        float[] expected = gradient(loss, z1, z2, false);
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(gradient(loss, z1, z2, true)).as("attempt %d", attempt).containsExactly(expected);
        }
    }

    private float[] gradient(NtXentLoss loss, double[][] z1, double[][] z2, boolean scribble)
            throws InterruptedException {
        NDArray a = nd(z1, DataType.FLOAT32);
        a.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray value = loss.compute(a, nd(z2, DataType.FLOAT32));
            if (scribble) {
                for (int i = 0; i < 3; i++) {
                    System.gc();
                    Thread.sleep(20);
                }
                java.util.List<java.nio.ByteBuffer> junk = new java.util.ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(4 + (i % 4) * 4);
                    while (buffer.remaining() >= 4) {
                        buffer.putFloat(1e30f);
                    }
                    junk.add(buffer);
                }
            }
            collector.backward(value);
        }
        return a.getGradient().toFloatArray();
    }

    @Test
    void rejectsBadTemperatureAndShapes() {
        assertThatThrownBy(() -> new NtXentLoss(0f)).hasMessageContaining("temperature must be > 0");
        NDArray a = manager.ones(new Shape(4, 3));
        NDArray b = manager.ones(new Shape(4, 2));
        assertThatThrownBy(() -> new NtXentLoss(0.5f).compute(a, b)).hasMessageContaining("same shape");
    }
}
