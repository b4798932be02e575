package org.ssl4j.rl.curl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.train.Engines;

/** CURL's bilinear loss against a float64 loop, a hand case, and finite differences of its gradient. */
class BilinearInfoNceTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = Engines.pytorch().newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** mean_i (log sum_j exp(q_i W k_j) - q_i W k_i), with plain loops. */
    private static double reference(double[][] q, double[][] k, double[][] w) {
        int b = q.length;
        double total = 0;
        for (int i = 0; i < b; i++) {
            double[] logits = new double[b];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < b; j++) {
                for (int x = 0; x < w.length; x++) {
                    for (int y = 0; y < w.length; y++) {
                        logits[j] += q[i][x] * w[x][y] * k[j][y];
                    }
                }
                max = Math.max(max, logits[j]);
            }
            double sum = 0;
            for (double l : logits) {
                sum += Math.exp(l - max);
            }
            total += max + Math.log(sum) - logits[i];
        }
        return total / b;
    }

    private static double[][] random(Random r, int rows, int cols, double scale) {
        double[][] out = new double[rows][cols];
        for (double[] row : out) {
            for (int j = 0; j < cols; j++) {
                row[j] = scale * r.nextGaussian();
            }
        }
        return out;
    }

    private NDArray array(double[][] values, DataType type) {
        double[] flat = new double[values.length * values[0].length];
        for (int i = 0; i < values.length; i++) {
            System.arraycopy(values[i], 0, flat, i * values[0].length, values[0].length);
        }
        return manager.create(flat, new Shape(values.length, values[0].length)).toType(type, false);
    }

    @Test
    void matchesTheFloat64LoopIncludingLargeLogits() {
        Random r = new Random(3);
        for (double scale : new double[] {0.3, 6}) { // 6: logits in the hundreds, finite only with the max shift
            double[][] q = random(r, 8, 5, scale);
            double[][] k = random(r, 8, 5, scale);
            double[][] w = random(r, 5, 5, 1);
            double expected = reference(q, k, w);
            NDArray loss = BilinearInfoNce.compute(array(q, DataType.FLOAT32), array(k, DataType.FLOAT32),
                    array(w, DataType.FLOAT32));
            assertThat((double) loss.getFloat()).isCloseTo(expected, within(1e-4 * Math.max(1, expected)));
        }
    }

    /** W = I and orthogonal unit keys: logits are the identity, the loss log(1 + (B - 1) / e). */
    @Test
    void handComputedCase() {
        NDArray eye = manager.eye(3);
        double expected = Math.log(Math.E + 2) - 1;
        assertThat((double) BilinearInfoNce.compute(eye, eye, eye).getFloat()).isCloseTo(expected, within(1e-6));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(5);
        double[][] q = random(r, 4, 3, 1);
        double[][] k = random(r, 4, 3, 1);
        double[][] w = random(r, 3, 3, 1);
        NDArray qa = array(q, DataType.FLOAT64);
        NDArray wa = array(w, DataType.FLOAT64);
        qa.setRequiresGradient(true);
        wa.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(BilinearInfoNce.compute(qa, array(k, DataType.FLOAT64), wa));
        }
        double[] gq = qa.getGradient().toDoubleArray();
        double[] gw = wa.getGradient().toDoubleArray();
        double eps = 1e-6;
        for (double[][] target : new double[][][] {q, w}) {
            double[] analytic = target == q ? gq : gw;
            for (int i = 0; i < target.length; i++) {
                for (int j = 0; j < target[i].length; j++) {
                    double saved = target[i][j];
                    target[i][j] = saved + eps;
                    double up = reference(q, k, w);
                    target[i][j] = saved - eps;
                    double down = reference(q, k, w);
                    target[i][j] = saved;
                    assertThat(analytic[i * target[i].length + j]).isCloseTo((up - down) / (2 * eps), within(1e-6));
                }
            }
        }
    }
}
