package org.ssl4j.video.method.modist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.train.Engines;

/** MoDist's four-term objective against an independent float64 reference written with plain loops. */
class ModistLossTest {
    private static final int N = 5;
    private static final int D = 4;
    private static final int K = 7;

    private static double[] unit(double[] x) {
        double norm = 0;
        for (double v : x) {
            norm += v * v;
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] / Math.sqrt(norm);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** MoCo eq. 1 averaged over the batch: queries q, positives k, negatives the rows of queue. */
    private static double nce(double[][] q, double[][] k, double[][] queue, double tau) {
        double total = 0;
        for (int i = 0; i < q.length; i++) {
            double[] qi = unit(q[i]);
            double positive = Math.exp(dot(qi, unit(k[i])) / tau);
            double denominator = positive;
            for (double[] n : queue) {
                denominator += Math.exp(dot(qi, unit(n)) / tau);
            }
            total -= Math.log(positive / denominator);
        }
        return total / q.length;
    }

    private static double[][] random(Random r, int rows) {
        double[][] x = new double[rows][D];
        for (double[] row : x) {
            for (int j = 0; j < D; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return x;
    }

    private static NDArray rows(NDManager manager, double[][] x) {
        double[] flat = new double[x.length * D];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * D, D);
        }
        return manager.create(flat, new Shape(x.length, D));
    }

    /** The queue as unit columns {@code (D, K)}, as a pathway keeps it. */
    private static NDArray columns(NDManager manager, double[][] queue) {
        double[][] unitRows = new double[queue.length][];
        for (int i = 0; i < queue.length; i++) {
            unitRows[i] = unit(queue[i]);
        }
        return rows(manager, unitRows).transpose();
    }

    @Test
    void matchesTheFloat64ReferenceForAnyWeights() {
        Random r = new Random(11);
        double tau = 0.2;
        double[][] v = random(r, N);
        double[][] vk = random(r, N);
        double[][] qv = random(r, K);
        double[][] m = random(r, N);
        double[][] mk = random(r, N);
        double[][] qm = random(r, K);
        double[][] weights = {{1, 1, 1}, {1, 0, 0}, {0.5, 2, 0.25}, {0, 0, 1}, {1, 1, 0}};
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            for (double[] w : weights) {
                double expected = w[0] * nce(v, vk, qv, tau) + w[1] * nce(m, mk, qm, tau)
                        + w[2] * (nce(v, mk, qm, tau) + nce(m, vk, qv, tau));
                NDArray loss = new ModistLoss(tau, w[0], w[1], w[2]).compute(rows(manager, v), rows(manager, vk),
                        columns(manager, qv), rows(manager, m), rows(manager, mk), columns(manager, qm));
                assertThat(loss.getDataType()).isEqualTo(DataType.FLOAT64);
                assertThat(loss.getDouble()).as("weights %s", java.util.Arrays.toString(w))
                        .isCloseTo(expected, within(1e-5 * expected));
            }
        }
    }

    @Test
    void crossModalTermsRewardAVisualQueryThatPointsAtItsVideosMotionKey() {
        // One video's visual query equals its motion key: its v->m term is lower than with the key turned away.
        double[][] v = {{1, 0, 0, 0}};
        double[][] queue = {{0, 1, 0, 0}, {0, 0, 1, 0}};
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            ModistLoss crossOnly = new ModistLoss(0.1, 0, 0, 1);
            double aligned = crossOnly.compute(rows(manager, v), rows(manager, v), columns(manager, queue),
                    rows(manager, v), rows(manager, v), columns(manager, queue)).getDouble();
            double[][] away = {{-1, 0, 0, 0}};
            double opposed = crossOnly.compute(rows(manager, v), rows(manager, v), columns(manager, queue),
                    rows(manager, v), rows(manager, away), columns(manager, queue)).getDouble();
            // Aligned: each term is -log(e^10 / (e^10 + 2)); the opposed key costs v->m -log(e^-10 / (e^-10 + 2)).
            double near = -Math.log(Math.exp(10) / (Math.exp(10) + 2));
            assertThat(aligned).isCloseTo(2 * near, within(1e-9));
            assertThat(opposed).isCloseTo(near - Math.log(Math.exp(-10) / (Math.exp(-10) + 2)), within(1e-6));
        }
    }
}
