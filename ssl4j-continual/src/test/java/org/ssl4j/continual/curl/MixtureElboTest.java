package org.ssl4j.continual.curl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.train.Engines;

/** The mixture ELBO in float64 against plain loops over components, samples, pixels and latent dimensions. */
class MixtureElboTest {
    private static final int B = 3;
    private static final int K = 4;
    private static final int I = 5;
    private static final int Z = 2;

    @Test
    void termsEqualTheirDefinitionsComputedByHand() {
        SplittableRandom random = new SplittableRandom(11);
        double[][] x = new double[B][I];
        double[][] qy = new double[B][K];
        double[] py = new double[K];
        double[][][] logits = new double[K][B][I];
        double[][][] qMean = new double[K][B][Z];
        double[][][] qVar = new double[K][B][Z];
        double[][] pMean = new double[K][Z];
        double[][] pVar = new double[K][Z];
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < I; i++) {
                x[b][i] = random.nextDouble() < 0.3 ? 1 : random.nextDouble(); // binary and grey pixels
            }
            double sum = 0;
            for (int k = 0; k < K; k++) {
                qy[b][k] = random.nextDouble(0.05, 1);
                sum += qy[b][k];
            }
            for (int k = 0; k < K; k++) {
                qy[b][k] /= sum;
            }
        }
        for (int k = 0; k < K; k++) {
            py[k] = 1.0 / K;
            for (int b = 0; b < B; b++) {
                for (int i = 0; i < I; i++) {
                    logits[k][b][i] = random.nextDouble(-40, 40); // large enough to need the stable softplus
                }
                for (int d = 0; d < Z; d++) {
                    qMean[k][b][d] = random.nextGaussian();
                    qVar[k][b][d] = random.nextDouble(0.1, 2);
                }
            }
            for (int d = 0; d < Z; d++) {
                pMean[k][d] = random.nextGaussian();
                pVar[k][d] = random.nextDouble(0.1, 2);
            }
        }
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            MixtureElbo.Terms terms = MixtureElbo.compute(m.create(x), m.create(qy), m.create(py), create(m, logits),
                    create(m, qMean), create(m, qVar), m.create(pMean), m.create(pVar));
            for (int b = 0; b < B; b++) {
                double logLikelihood = 0;
                double klY = 0;
                double klZ = 0;
                for (int k = 0; k < K; k++) {
                    double logP = 0;
                    for (int i = 0; i < I; i++) {
                        double l = logits[k][b][i]; // log sigmoid(l) and log(1 - sigmoid(l)), each exact
                        logP += -x[b][i] * Math.log1p(Math.exp(-l)) - (1 - x[b][i]) * Math.log1p(Math.exp(l));
                    }
                    logLikelihood += qy[b][k] * logP;
                    klY += qy[b][k] * (Math.log(qy[b][k] + 1e-12) - Math.log(py[k])); // the official 1e-12
                    double kl = 0;
                    for (int d = 0; d < Z; d++) {
                        double diff = qMean[k][b][d] - pMean[k][d];
                        kl += 0.5 * (Math.log(pVar[k][d] / qVar[k][b][d]) + (qVar[k][b][d] + diff * diff) / pVar[k][d]
                                - 1);
                    }
                    klZ += qy[b][k] * kl;
                }
                assertThat(terms.logLikelihood().getDouble(b)).as("log p, sample %d", b)
                        .isCloseTo(logLikelihood, within(1e-9 * Math.abs(logLikelihood) + 1e-9));
                assertThat(terms.klY().getDouble(b)).as("KL y, sample %d", b).isCloseTo(klY, within(1e-12));
                assertThat(terms.klZ().getDouble(b)).as("KL z, sample %d", b).isCloseTo(klZ, within(1e-12));
                assertThat(terms.elbo().getDouble(b)).isCloseTo(logLikelihood - klY - klZ,
                        within(1e-9 * Math.abs(logLikelihood) + 1e-9));
            }
        }
    }

    /** One component whose posterior is its prior, logits 0: no KL, and {@code -I log 2} from the decoder. */
    @Test
    void aPosteriorEqualToThePriorCostsOnlyTheReconstruction() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray x = m.create(new double[][] {{1, 0, 1}});
            MixtureElbo.Terms terms = MixtureElbo.compute(x, m.create(new double[][] {{1}}), m.create(new double[] {1}),
                    m.zeros(new Shape(1, 1, 3), x.getDataType()), create(m, new double[][][] {{{0.5, -1}}}),
                    create(m, new double[][][] {{{2, 0.5}}}), m.create(new double[][] {{0.5, -1}}),
                    m.create(new double[][] {{2, 0.5}}));
            assertThat(terms.klY().getDouble(0)).isCloseTo(1e-12, within(1e-15)); // 1 * log(1 + 1e-12)
            assertThat(terms.klZ().getDouble(0)).isCloseTo(0, within(1e-15));
            assertThat(terms.elbo().getDouble(0)).isCloseTo(-3 * Math.log(2), within(2e-12));
        }
    }

    private static NDArray create(NDManager m, double[][][] values) {
        double[] flat = new double[values.length * values[0].length * values[0][0].length];
        int n = 0;
        for (double[][] plane : values) {
            for (double[] row : plane) {
                for (double v : row) {
                    flat[n++] = v;
                }
            }
        }
        return m.create(flat, new Shape(values.length, values[0].length, values[0][0].length));
    }
}
