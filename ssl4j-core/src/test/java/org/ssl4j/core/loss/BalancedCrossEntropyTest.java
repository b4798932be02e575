package org.ssl4j.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;

class BalancedCrossEntropyTest extends EngineTest {
    @Test
    void clusterWeightsEqualiseTheClusters() {
        // Sizes 3, 1, 0, 2 of 6 samples in 3 non-empty clusters: weights 6/9, 6/3, 0, 6/6.
        float[] w = BalancedCrossEntropy.clusterWeights(new int[] {0, 0, 0, 1, 3, 3}, 4);
        assertThat(w).containsExactly(new float[] {6f / 9, 2f, 0f, 1f}, within(1e-6f));
        // Each non-empty cluster's samples weigh N / k' together.
        assertThat(3 * w[0]).isCloseTo(w[1], within(1e-6f));
    }

    @Test
    void matchesTheFloat64Reference() {
        Random r = new Random(2);
        int b = 5;
        int k = 4;
        double[] z = new double[b * k];
        for (int i = 0; i < z.length; i++) {
            z[i] = 3 * r.nextGaussian();
        }
        int[] targets = {0, 3, 3, 1, 2};
        float[] weights = {0.5f, 2f, 1f, 1.5f};
        double expected = 0;
        for (int i = 0; i < b; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, z[i * k + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(z[i * k + c] - max);
            }
            double logp = z[i * k + targets[i]] - max - Math.log(sum);
            expected -= weights[targets[i]] * logp;
        }
        expected /= b;
        NDArray logits = manager.create(z, new Shape(b, k));
        assertThat(BalancedCrossEntropy.compute(logits, targets, weights).getDouble())
                .isCloseTo(expected, within(1e-9));
        // Unit weights: the plain cross-entropy of uniform logits is log k.
        assertThat(BalancedCrossEntropy.compute(manager.zeros(new Shape(b, k)), targets, new float[] {1, 1, 1, 1})
                .getFloat()).isCloseTo((float) Math.log(k), within(1e-6f));
    }
}
