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
    private NDArray nd(double[][] x, DataType type) {
        return Vectors.array(manager, x, type);
    }

    /** Independent float64 reference of MoCo eq. 1 with plain loops. */
    static double reference(double[][] q, double[][] k, double[][] neg, double tau) {
        double total = 0;
        for (int i = 0; i < q.length; i++) {
            double[] qi = Vectors.unit(q[i]);
            double positive = Math.exp(Vectors.dot(qi, Vectors.unit(k[i])) / tau);
            double denominator = positive;
            for (double[] n : neg) {
                denominator += Math.exp(Vectors.dot(qi, Vectors.unit(n)) / tau);
            }
            total += -Math.log(positive / denominator);
        }
        return total / q.length;
    }

    /** The negatives as unit columns {@code (D, K)}, the layout the loss takes. */
    private NDArray columns(double[][] neg, DataType type) {
        double[][] unitRows = new double[neg.length][];
        for (int i = 0; i < neg.length; i++) {
            unitRows[i] = Vectors.unit(neg[i]);
        }
        return nd(unitRows, type).transpose();
    }

    @Test
    void matchesFloat64ReferenceOnRandomInputs() {
        Random r = new Random(3);
        for (float tau : new float[] {0.07f, 0.2f, 1f}) {
            double[][] q = Vectors.random(r, 8, 6);
            double[][] k = Vectors.random(r, 8, 6);
            double[][] neg = Vectors.random(r, 40, 6);
            double expected = reference(q, k, neg, tau);
            float loss = new InfoNceLoss(tau).compute(nd(q, DataType.FLOAT32), nd(k, DataType.FLOAT32),
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
        float loss = new InfoNceLoss(1f).compute(nd(q, DataType.FLOAT32), nd(k, DataType.FLOAT32),
                columns(neg, DataType.FLOAT32)).getFloat();
        assertThat((double) loss).isCloseTo(-Math.log(Math.E / (Math.E + 1 + 1 / Math.E)), within(1e-6));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random r = new Random(5);
        double[][] q = Vectors.random(r, 3, 4);
        NDArray k = nd(Vectors.random(r, 3, 4), DataType.FLOAT64);
        NDArray neg = columns(Vectors.random(r, 7, 4), DataType.FLOAT64);
        InfoNceLoss loss = new InfoNceLoss(0.2f);
        NDArray a = nd(q, DataType.FLOAT64);
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
                double up = loss.compute(nd(q, DataType.FLOAT64), k, neg).getDouble();
                q[i][j] = saved - eps;
                double down = loss.compute(nd(q, DataType.FLOAT64), k, neg).getDouble();
                q[i][j] = saved;
                assertThat(analytic[i * 4 + j]).as("dL/dq[%d][%d]", i, j).isCloseTo((up - down) / (2 * eps), within(1e-6));
            }
        }
    }

    /** The per-sample negative is one more term of the denominator of query {@code i} alone (DSM). */
    @Test
    void sampleNegativeMatchesFloat64Reference() {
        Random r = new Random(11);
        double[][] q = Vectors.random(r, 6, 5);
        double[][] k = Vectors.random(r, 6, 5);
        double[][] own = Vectors.random(r, 6, 5);
        double[][] neg = Vectors.random(r, 20, 5);
        double tau = 0.07;
        double expected = 0;
        for (int i = 0; i < q.length; i++) {
            double[] qi = Vectors.unit(q[i]);
            double positive = Math.exp(Vectors.dot(qi, Vectors.unit(k[i])) / tau);
            double denominator = positive + Math.exp(Vectors.dot(qi, Vectors.unit(own[i])) / tau);
            for (double[] n : neg) {
                denominator += Math.exp(Vectors.dot(qi, Vectors.unit(n)) / tau);
            }
            expected += -Math.log(positive / denominator) / q.length;
        }
        float loss = new InfoNceLoss((float) tau).compute(nd(q, DataType.FLOAT32), nd(k, DataType.FLOAT32),
                nd(own, DataType.FLOAT32), columns(neg, DataType.FLOAT32)).getFloat();
        assertThat((double) loss).isCloseTo(expected, within(1e-5 * Math.max(1, expected)));
        // Hand case: q = k+ = (1, 0), own negative (0, 1), queue {(-1, 0)}, tau = 1: -log(e / (e + 1 + 1/e)).
        float hand = new InfoNceLoss(1f).compute(nd(new double[][] {{1, 0}}, DataType.FLOAT32),
                nd(new double[][] {{2, 0}}, DataType.FLOAT32), nd(new double[][] {{0, 5}}, DataType.FLOAT32),
                columns(new double[][] {{-1, 0}}, DataType.FLOAT32)).getFloat();
        assertThat((double) hand).isCloseTo(-Math.log(Math.E / (Math.E + 1 + 1 / Math.E)), within(1e-6));
    }

    /** In-batch InfoNCE: the other rows' keys and the extra rows are the negatives (CMD's two losses). */
    @Test
    void inBatchMatchesFloat64ReferenceAndFiniteDifferences() {
        Random r = new Random(13);
        double[][] q = Vectors.random(r, 5, 4);
        double[][] k = Vectors.random(r, 5, 4);
        double[][] extra = Vectors.random(r, 3, 4);
        double tau = 0.1;
        for (boolean withExtra : new boolean[] {false, true}) {
            double expected = 0;
            for (int i = 0; i < q.length; i++) {
                double[] qi = Vectors.unit(q[i]);
                double positive = Math.exp(Vectors.dot(qi, Vectors.unit(k[i])) / tau);
                double denominator = 0;
                for (double[] kj : k) {
                    denominator += Math.exp(Vectors.dot(qi, Vectors.unit(kj)) / tau);
                }
                for (double[] n : withExtra ? extra : new double[0][]) {
                    denominator += Math.exp(Vectors.dot(qi, Vectors.unit(n)) / tau);
                }
                expected += -Math.log(positive / denominator) / q.length;
            }
            NDArray extraArray = withExtra ? nd(extra, DataType.FLOAT32) : null;
            float loss = new InfoNceLoss((float) tau).computeInBatch(nd(q, DataType.FLOAT32),
                    nd(k, DataType.FLOAT32), extraArray).getFloat();
            assertThat((double) loss).as("extra %s", withExtra).isCloseTo(expected, within(1e-5 * expected));
        }
        // Hand case: q1 = k1 = (1, 0), k2 = (0, 1), q2 = (0, 1), tau = 1: both rows -log(e / (e + 1)).
        float hand = new InfoNceLoss(1f).computeInBatch(nd(new double[][] {{1, 0}, {0, 1}}, DataType.FLOAT32),
                nd(new double[][] {{2, 0}, {0, 3}}, DataType.FLOAT32), null).getFloat();
        assertThat((double) hand).isCloseTo(-Math.log(Math.E / (Math.E + 1)), within(1e-6));
        // The keys are trained too (both CMD encoders learn): finite differences on k.
        InfoNceLoss loss = new InfoNceLoss(0.5f);
        NDArray qa = nd(q, DataType.FLOAT64);
        NDArray ex = nd(extra, DataType.FLOAT64);
        NDArray ka = nd(k, DataType.FLOAT64);
        ka.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss.computeInBatch(qa, ka, ex));
        }
        double[] analytic = ka.getGradient().toDoubleArray();
        double eps = 1e-6;
        for (int i = 0; i < k.length; i++) {
            for (int j = 0; j < 4; j++) {
                double saved = k[i][j];
                k[i][j] = saved + eps;
                double up = loss.computeInBatch(qa, nd(k, DataType.FLOAT64), ex).getDouble();
                k[i][j] = saved - eps;
                double down = loss.computeInBatch(qa, nd(k, DataType.FLOAT64), ex).getDouble();
                k[i][j] = saved;
                assertThat(analytic[i * 4 + j]).as("dL/dk[%d][%d]", i, j)
                        .isCloseTo((up - down) / (2 * eps), within(1e-6));
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
