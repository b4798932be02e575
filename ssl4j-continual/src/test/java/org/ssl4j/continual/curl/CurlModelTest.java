package org.ssl4j.continual.curl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.train.Engines;

/**
 * A tiny CURL model in float64 against its equations evaluated by hand from its weights: the marginalised and the
 * supervised ELBO, the latent means and the generated samples.
 */
class CurlModelTest {
    private static final int I = 4;
    private static final int H = 3;
    private static final int KMAX = 3;
    private static final int ACTIVE = 2;
    private static final int Z = 2;
    private static final int D = 3;
    private static final int B = 2;

    @Test
    void theElboIsTheModelsEquationsEvaluatedByHand() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            Engines.seed(4);
            CurlModel model = new CurlModel(new CurlModel.Sizes(I, List.of(H), KMAX, Z, List.of(D)), m,
                    DataType.FLOAT64);
            double[][] x = {{1, 0, 0.5, 1}, {0, 0, 1, 0.25}};
            double[][][] noise = {{{0.3, -1.2}, {0.7, 0.1}}, {{-0.4, 0.9}, {1.5, -0.2}}};
            NDArray noiseArray = m.create(new double[] {0.3, -1.2, 0.7, 0.1, -0.4, 0.9, 1.5, -0.2},
                    new Shape(ACTIVE, B, Z));
            MixtureElbo.Terms terms = model.elbo(m.create(x), ACTIVE, noiseArray, true);
            // Component 1 given, with component 1's draws; its latent means; decoded prior draws.
            MixtureElbo.Terms supervised = model.supervisedElbo(m.create(x), ACTIVE, m.create(new long[] {1, 1}),
                    noiseArray.get(1), true);
            double[] latentMeans = model.latentMeans(m.create(x), ACTIVE).toDoubleArray();
            double[] priorNoise = {0.5, -0.25};
            double[] generated = model.generate(m.create(new long[] {1, 1}), m.create(new double[] {0.5, -0.25,
                0.5, -0.25}, new Shape(2, Z))).toDoubleArray();

            List<double[][]> w = new ArrayList<>(); // weights (out x in) and biases (1 x out), in block order
            for (Block block : model.blocks()) {
                for (Pair<String, Parameter> p : block.getParameters()) {
                    NDArray a = p.getValue().getArray();
                    long[] s = a.getShape().getShape();
                    double[] v = a.toDoubleArray();
                    int rows = s.length == 2 ? (int) s[0] : 1;
                    int cols = (int) s[s.length - 1];
                    double[][] matrix = new double[rows][cols];
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(v, r * cols, matrix[r], 0, cols);
                    }
                    w.add(matrix);
                }
            }
            // encoder W0 b0 | cluster W1 b1 | latent W2 b2 | prior mean W3 b3 | prior var W4 b4 | decoder W5 b5 W6 b6
            for (int b = 0; b < B; b++) {
                double[] h = relu(linear(w.get(0), w.get(1), x[b]));
                double[] logits = linear(w.get(2), w.get(3), h);
                double[] qy = softmax(logits, ACTIVE);
                double[] heads = linear(w.get(4), w.get(5), h);
                double logLikelihood = 0;
                double klY = 0;
                double klZ = 0;
                int best = qy[1] > qy[0] ? 1 : 0;
                for (int d = 0; d < Z; d++) {
                    assertThat(latentMeans[b * Z + d]).as("latent mean %d %d", b, d)
                            .isCloseTo(heads[best * 2 * Z + d], within(1e-12));
                }
                for (int k = 0; k < ACTIVE; k++) {
                    double[] oneHot = new double[KMAX];
                    oneHot[k] = 1;
                    double[] pMean = linear(w.get(6), w.get(7), oneHot);
                    double[] pVarRaw = linear(w.get(8), w.get(9), oneHot);
                    double[] sample = new double[Z];
                    double kl = 0;
                    for (int d = 0; d < Z; d++) {
                        double mean = heads[k * 2 * Z + d];
                        double var = Math.log1p(Math.exp(heads[k * 2 * Z + Z + d]));
                        double pVar = Math.log1p(Math.exp(pVarRaw[d]));
                        sample[d] = mean + Math.sqrt(var) * noise[k][b][d];
                        double diff = mean - pMean[d];
                        kl += 0.5 * (Math.log(pVar / var) + (var + diff * diff) / pVar - 1);
                    }
                    double[] out = linear(w.get(12), w.get(13), relu(linear(w.get(10), w.get(11), sample)));
                    double logP = 0;
                    for (int i = 0; i < I; i++) {
                        logP += -x[b][i] * Math.log1p(Math.exp(-out[i])) - (1 - x[b][i]) * Math.log1p(Math.exp(out[i]));
                    }
                    if (k == 1) {
                        assertThat(supervised.logLikelihood().getDouble(b)).isCloseTo(logP, within(1e-12));
                        assertThat(supervised.klY().getDouble(b)).isCloseTo(-Math.log(qy[1]), within(1e-12));
                        assertThat(supervised.klZ().getDouble(b)).isCloseTo(kl, within(1e-12));
                        double[] z = new double[Z];
                        for (int d = 0; d < Z; d++) {
                            z[d] = pMean[d] + Math.sqrt(Math.log1p(Math.exp(pVarRaw[d]))) * priorNoise[d];
                        }
                        double[] decoded = linear(w.get(12), w.get(13), relu(linear(w.get(10), w.get(11), z)));
                        for (int i = 0; i < I; i++) {
                            assertThat(generated[b * I + i]).as("generated pixel %d", i)
                                    .isEqualTo(decoded[i] > 0 ? 1.0 : 0.0);
                        }
                    }
                    logLikelihood += qy[k] * logP;
                    klY += qy[k] * (Math.log(qy[k] + 1e-12) + Math.log(ACTIVE)); // the official 1e-12
                    klZ += qy[k] * kl;
                }
                assertThat(terms.logLikelihood().getDouble(b)).as("log p, %d", b).isCloseTo(logLikelihood,
                        within(1e-12));
                assertThat(terms.klY().getDouble(b)).as("KL y, %d", b).isCloseTo(klY, within(1e-12));
                assertThat(terms.klZ().getDouble(b)).as("KL z, %d", b).isCloseTo(klZ, within(1e-12));
            }
            assertThatThrownBy(() -> model.elbo(m.create(x), 4, noiseArray, true)).isInstanceOf(Ssl4jException.class)
                    .hasMessage("curl model: 4 active components, expected 1 to 3");
        }
    }

    /** After copying component 0 into 2, the two are one: the same q(y|x), latent heads and prior rows. */
    @Test
    void aCopiedComponentIsIndistinguishableFromItsSource() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            Engines.seed(6);
            CurlModel model = new CurlModel(new CurlModel.Sizes(I, List.of(H), KMAX, Z, List.of(D)), m,
                    DataType.FLOAT64);
            NDArray x = m.create(new double[][] {{1, 0, 0.5, 1}, {0, 0, 1, 0.25}});
            double[] before = model.clusterProbabilities(x, 3).toDoubleArray();
            assertThat(before[0]).isNotCloseTo(before[2], within(1e-6));
            model.copyComponent(0, 2);
            double[] after = model.clusterProbabilities(x, 3).toDoubleArray();
            for (int b = 0; b < B; b++) {
                assertThat(after[b * 3 + 2]).isCloseTo(after[b * 3], within(1e-15));
                assertThat(after[b * 3 + 1] / after[b * 3]).as("component 1 against 0 unchanged")
                        .isCloseTo(before[b * 3 + 1] / before[b * 3], within(1e-12));
            }
            List<Block> blocks = model.blocks(); // encoder, cluster, latent heads, prior mean, prior variance, decoder
            double[] heads = blocks.get(2).getParameters().get("weight").getArray().toDoubleArray(); // (3 * 2Z, H)
            for (int r = 0; r < 2 * Z * H; r++) {
                assertThat(heads[2 * 2 * Z * H + r]).isEqualTo(heads[r]);
            }
            for (int block = 3; block <= 4; block++) {
                double[] prior = blocks.get(block).getParameters().get("weight").getArray().toDoubleArray(); // (Z, 3)
                for (int d = 0; d < Z; d++) {
                    assertThat(prior[d * KMAX + 2]).isEqualTo(prior[d * KMAX]);
                    assertThat(prior[d * KMAX + 1]).isNotEqualTo(prior[d * KMAX]);
                }
            }
            assertThatThrownBy(() -> model.copyComponent(0, 3)).isInstanceOf(Ssl4jException.class)
                    .hasMessage("curl model: components 0 and 3, expected 0 to 2");
        }
    }

    private static double[] linear(double[][] weight, double[][] bias, double[] in) {
        double[] out = new double[weight.length];
        for (int o = 0; o < weight.length; o++) {
            out[o] = bias[0][o];
            for (int i = 0; i < in.length; i++) {
                out[o] += weight[o][i] * in[i];
            }
        }
        return out;
    }

    private static double[] relu(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.max(0, v[i]);
        }
        return out;
    }

    private static double[] softmax(double[] logits, int first) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < first; i++) {
            max = Math.max(max, logits[i]);
        }
        double sum = 0;
        double[] out = new double[first];
        for (int i = 0; i < first; i++) {
            out[i] = Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < first; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
