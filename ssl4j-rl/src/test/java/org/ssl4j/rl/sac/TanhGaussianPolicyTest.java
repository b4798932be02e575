package org.ssl4j.rl.sac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.train.Engines;

/** The squashed Gaussian policy against the formulas written out in float64. */
class TanhGaussianPolicyTest {
    @Test
    void actionsAndLogProbabilitiesMatchTheFormulas() {
        double[] out = {0.3, -1.2, 0.5, -8, -0.4, 2.0, 3, 0.1}; // two rows: mu (2), raw log std (2)
        double[] noise = {0.7, -1.1, 0.2, 1.5};
        double min = -10;
        double max = 2;
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            TanhGaussianPolicy.Sample s = TanhGaussianPolicy.sample(
                    manager.create(out, new Shape(2, 4)).toType(DataType.FLOAT64, false),
                    manager.create(noise, new Shape(2, 2)).toType(DataType.FLOAT64, false), min, max);
            double[] mean = s.mean().toDoubleArray();
            double[] action = s.action().toDoubleArray();
            double[] logProb = s.logProb().toDoubleArray();
            double[] logStd = s.logStd().toDoubleArray();
            for (int b = 0; b < 2; b++) {
                double expected = 0;
                for (int a = 0; a < 2; a++) {
                    double mu = out[b * 4 + a];
                    double ls = min + 0.5 * (max - min) * (Math.tanh(out[b * 4 + 2 + a]) + 1);
                    double u = mu + Math.exp(ls) * noise[b * 2 + a];
                    assertThat(logStd[b * 2 + a]).isCloseTo(ls, within(1e-12)).isBetween(min, max);
                    assertThat(mean[b * 2 + a]).isCloseTo(Math.tanh(mu), within(1e-12));
                    assertThat(action[b * 2 + a]).isCloseTo(Math.tanh(u), within(1e-12));
                    double n = noise[b * 2 + a];
                    expected += -0.5 * n * n - ls - 0.5 * Math.log(2 * Math.PI)
                            - Math.log(Math.max(0, 1 - Math.tanh(u) * Math.tanh(u)) + 1e-6);
                }
                assertThat(logProb[b]).isCloseTo(expected, within(1e-9));
            }
            assertThat(s.logProb().getShape()).isEqualTo(new Shape(2, 1));
        }
    }
}
