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

class TripletMarginLossTest extends EngineTest {
    /** Independent float64 reference with plain loops. */
    static double reference(double[][] a, double[][] p, double[][] n, double margin) {
        double total = 0;
        for (int i = 0; i < a.length; i++) {
            total += Math.max(0, distance(Vectors.unit(a[i]), Vectors.unit(p[i]))
                    - distance(Vectors.unit(a[i]), Vectors.unit(n[i])) + margin);
        }
        return total / a.length;
    }

    private static double distance(double[] x, double[] y) {
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            sum += (x[j] - y[j]) * (x[j] - y[j]);
        }
        return Math.sqrt(sum + 1e-6);
    }

    @Test
    void matchesFloat64Reference() {
        Random r = new Random(7);
        double[][] a = Vectors.random(r, 16, 6);
        double[][] p = Vectors.random(r, 16, 6);
        double[][] n = Vectors.random(r, 16, 6);
        double expected = reference(a, p, n, 0.5);
        assertThat(expected).as("some triplets are active, some not").isGreaterThan(0);
        float loss = new TripletMarginLoss(0.5f).compute(Vectors.array(manager, a, DataType.FLOAT32),
                Vectors.array(manager, p, DataType.FLOAT32), Vectors.array(manager, n, DataType.FLOAT32)).getFloat();
        assertThat((double) loss).isCloseTo(expected, within(1e-5));
    }

    @Test
    void handComputedCase() {
        // a = p = (1, 0), n = (0, 1): d(a, p) = sqrt(1e-6), d(a, n) = sqrt(2 + 1e-6); margin 0.5 leaves it inactive,
        // margin 2 gives 2 + 0.001 - sqrt(2.000001).
        NDArray a = manager.create(new float[] {1, 0}, new Shape(1, 2));
        NDArray n = manager.create(new float[] {0, 3}, new Shape(1, 2));
        assertThat(new TripletMarginLoss(0.5f).compute(a, a, n).getFloat()).isEqualTo(0f);
        assertThat((double) new TripletMarginLoss(2f).compute(a, a, n).getFloat())
                .isCloseTo(2 + 0.001 - Math.sqrt(2.000001), within(1e-6));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random r = new Random(9);
        double[][] a = Vectors.random(r, 4, 3);
        NDArray p = Vectors.array(manager, Vectors.random(r, 4, 3), DataType.FLOAT64);
        NDArray n = Vectors.array(manager, Vectors.random(r, 4, 3), DataType.FLOAT64);
        TripletMarginLoss loss = new TripletMarginLoss(1.5f);
        NDArray x = Vectors.array(manager, a, DataType.FLOAT64);
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss.compute(x, p, n));
        }
        double[] analytic = x.getGradient().toDoubleArray();
        double eps = 1e-6;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                double saved = a[i][j];
                a[i][j] = saved + eps;
                double up = loss.compute(Vectors.array(manager, a, DataType.FLOAT64), p, n).getDouble();
                a[i][j] = saved - eps;
                double down = loss.compute(Vectors.array(manager, a, DataType.FLOAT64), p, n).getDouble();
                a[i][j] = saved;
                assertThat(analytic[i * 3 + j]).as("dL/da[%d][%d]", i, j)
                        .isCloseTo((up - down) / (2 * eps), within(1e-6));
            }
        }
    }

    @Test
    void rejectsBadMarginAndShapes() {
        assertThatThrownBy(() -> new TripletMarginLoss(-0.1f)).hasMessageContaining("margin must be >= 0");
        NDArray x = manager.ones(new Shape(2, 3));
        assertThatThrownBy(() -> new TripletMarginLoss(0.5f).compute(x, x, manager.ones(new Shape(3, 3))))
                .hasMessageContaining("one shape");
    }
}
