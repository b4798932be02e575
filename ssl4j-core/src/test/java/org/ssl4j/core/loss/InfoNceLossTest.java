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

class InfoNceLossTest extends EngineTest {
    /** Independent float64 reference of MoCo eq. 1 with plain loops. */
    static double reference(double[][] q, double[][] k, double[][] neg, double tau) {
        double total = 0;
        for (int i = 0; i < q.length; i++) {
            double[] qi = unit(q[i]);
            double positive = Math.exp(dot(qi, unit(k[i])) / tau);
            double denominator = positive;
            for (double[] n : neg) {
                denominator += Math.exp(dot(qi, unit(n)) / tau);
            }
            total += -Math.log(positive / denominator);
        }
        return total / q.length;
    }

    private static double[] unit(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
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

    private static double[][] random(Random r, int n, int d) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return x;
    }

    /** The negatives as unit columns {@code (D, K)}, the layout the loss takes. */
    private NDArray columns(double[][] neg, DataType type) {
        double[][] unitRows = new double[neg.length][];
        for (int i = 0; i < neg.length; i++) {
            unitRows[i] = unit(neg[i]);
        }
        return array(unitRows, type).transpose();
    }

    private NDArray array(double[][] x, DataType type) {
        double[] flat = new double[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * x[0].length, x[0].length);
        }
        return manager.create(flat, new Shape(x.length, x[0].length)).toType(type, false);
    }

    @Test
    void matchesFloat64ReferenceOnRandomInputs() {
        Random r = new Random(3);
        for (float tau : new float[] {0.07f, 0.2f, 1f}) {
            double[][] q = random(r, 8, 6);
            double[][] k = random(r, 8, 6);
            double[][] neg = random(r, 40, 6);
            double expected = reference(q, k, neg, tau);
            float loss = new InfoNceLoss(tau).compute(array(q, DataType.FLOAT32), array(k, DataType.FLOAT32),
                    columns(neg, DataType.FLOAT32)).getFloat();
            assertThat((double) loss).isCloseTo(expected, within(1e-5 * Math.max(1, expected)));
        }
    }

    @Test
    void handComputedCase() {
        // q = k+ = (1, 0); negatives (0, 1) and (-1, 0); tau = 1: l = -log(e / (e + 1 + 1/e)).
        double[][] q = {{1, 0}};
        double[][] k = {{3, 0}};
        double[][] neg = {{0, 2}, {-1, 0}};
        float loss = new InfoNceLoss(1f).compute(array(q, DataType.FLOAT32), array(k, DataType.FLOAT32),
                columns(neg, DataType.FLOAT32)).getFloat();
        assertThat((double) loss).isCloseTo(-Math.log(Math.E / (Math.E + 1 + 1 / Math.E)), within(1e-6));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random r = new Random(5);
        double[][] q = random(r, 3, 4);
        NDArray k = array(random(r, 3, 4), DataType.FLOAT64);
        NDArray neg = columns(random(r, 7, 4), DataType.FLOAT64);
        InfoNceLoss loss = new InfoNceLoss(0.2f);
        NDArray a = array(q, DataType.FLOAT64);
        a.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss.compute(a, k, neg));
        }
        double[] analytic = a.getGradient().toDoubleArray();
        double eps = 1e-6;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double saved = q[i][j];
                q[i][j] = saved + eps;
                double up = loss.compute(array(q, DataType.FLOAT64), k, neg).getDouble();
                q[i][j] = saved - eps;
                double down = loss.compute(array(q, DataType.FLOAT64), k, neg).getDouble();
                q[i][j] = saved;
                assertThat(analytic[i * 4 + j]).as("dL/dq[%d][%d]", i, j).isCloseTo((up - down) / (2 * eps), within(1e-6));
            }
        }
    }

    @Test
    void rejectsBadTemperatureAndShapes() {
        assertThatThrownBy(() -> new InfoNceLoss(-1f)).hasMessageContaining("temperature must be > 0");
        NDArray q = manager.ones(new Shape(4, 3));
        assertThatThrownBy(() -> new InfoNceLoss(0.2f).compute(q, manager.ones(new Shape(4, 2)), q))
                .hasMessageContaining("same shape");
        assertThatThrownBy(() -> new InfoNceLoss(0.2f).compute(q, q, manager.ones(new Shape(2, 9))))
                .hasMessageContaining("3 rows");
    }
}
