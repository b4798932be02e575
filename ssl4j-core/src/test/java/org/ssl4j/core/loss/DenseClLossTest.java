package org.ssl4j.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;
import org.ssl4j.core.tensor.Tensors;

/** DenseCL's correspondence and dense loss (Wang et al. 2021, eqs. 2 and 3). */
class DenseClLossTest extends EngineTest {
    /** {@code (B, C, S)} from {@code [b][s][c]} vectors. */
    private NDArray maps(double[][][] cells, DataType type) {
        int b = cells.length;
        int s = cells[0].length;
        int c = cells[0][0].length;
        double[] flat = new double[b * c * s];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < s; j++) {
                for (int k = 0; k < c; k++) {
                    flat[(i * c + k) * s + j] = cells[i][j][k];
                }
            }
        }
        return manager.create(flat, new Shape(b, c, s)).toType(type, false);
    }

    private static double[][][] randomCells(Random r, int b, int s, int c) {
        double[][][] out = new double[b][][];
        for (int i = 0; i < b; i++) {
            out[i] = Vectors.random(r, s, c);
        }
        return out;
    }

    @Test
    void recoversAKnownPermutationOfCellsExactly() {
        Random r = new Random(7);
        int b = 3;
        int s = 16;
        double[][][] query = randomCells(r, b, s, 8);
        double[][][] key = new double[b][s][];
        long[][] permutation = new long[b][s];
        for (int i = 0; i < b; i++) {
            int[] perm = java.util.stream.IntStream.range(0, s).toArray();
            for (int j = s - 1; j > 0; j--) {
                int t = r.nextInt(j + 1);
                int tmp = perm[j];
                perm[j] = perm[t];
                perm[t] = tmp;
            }
            for (int j = 0; j < s; j++) {
                double scale = 0.5 + r.nextDouble() * 3; // cosine similarity ignores the length
                key[i][perm[j]] = query[i][j].clone();
                for (int k = 0; k < 8; k++) {
                    key[i][perm[j]][k] *= scale;
                }
                permutation[i][j] = perm[j];
            }
        }
        NDArray matches = DenseCorrespondence.match(maps(query, DataType.FLOAT32), maps(key, DataType.FLOAT32));
        assertThat(matches.getShape()).isEqualTo(new Shape(b, s));
        long[] got = matches.toType(DataType.INT64, false).toLongArray();
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < s; j++) {
                assertThat(got[i * s + j]).as("image %d cell %d", i, j).isEqualTo(permutation[i][j]);
            }
        }
    }

    @Test
    void gatherPicksTheMatchedKeyVectors() {
        // one image, D = 2, S = 3: key cells (1,0), (0,1), (2,2); matches 2, 0, 0
        NDArray keyGrid = manager.create(new float[] {1, 0, 2, 0, 1, 2}, new Shape(1, 2, 3));
        NDArray matches = manager.create(new long[] {2, 0, 0}, new Shape(1, 3));
        assertThat(DenseCorrespondence.gather(keyGrid, matches).toFloatArray())
                .containsExactly(2, 1, 1, 2, 0, 0);
    }

    /** Float64 loops over cells: each query cell's positive is the key cell of highest cosine similarity. */
    private static double reference(double[][][] qGrid, double[][][] kGrid, double[][][] qBack, double[][][] kBack,
            double[][] neg, double tau) {
        double total = 0;
        int count = 0;
        for (int i = 0; i < qGrid.length; i++) {
            for (int j = 0; j < qGrid[i].length; j++) {
                int best = 0;
                double bestSim = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < kBack[i].length; t++) {
                    double sim = Vectors.dot(Vectors.unit(qBack[i][j]), Vectors.unit(kBack[i][t]));
                    if (sim > bestSim) {
                        bestSim = sim;
                        best = t;
                    }
                }
                double[][] one = {qGrid[i][j]};
                double[][] positive = {kGrid[i][best]};
                total += InfoNceLossTest.reference(one, positive, neg, tau);
                count++;
            }
        }
        return total / count;
    }

    @Test
    void denseLossMatchesFloat64Reference() {
        Random r = new Random(11);
        int b = 2;
        int s = 9;
        double[][][] qGrid = randomCells(r, b, s, 5);
        double[][][] kGrid = randomCells(r, b, s, 5);
        double[][][] qBack = randomCells(r, b, s, 7);
        double[][][] kBack = randomCells(r, b, s, 7);
        double[][] neg = Vectors.random(r, 30, 5);
        double[][] unitNeg = new double[neg.length][];
        for (int i = 0; i < neg.length; i++) {
            unitNeg[i] = Vectors.unit(neg[i]);
        }
        for (float tau : new float[] {0.2f, 1f}) {
            double expected = reference(qGrid, kGrid, qBack, kBack, neg, tau);
            NDArray matches = DenseCorrespondence.match(maps(qBack, DataType.FLOAT64), maps(kBack, DataType.FLOAT64));
            double got = new DenseInfoNceLoss(tau).compute(maps(qGrid, DataType.FLOAT64), maps(kGrid, DataType.FLOAT64),
                    matches, Vectors.array(manager, unitNeg, DataType.FLOAT64).transpose()).getDouble();
            assertThat(got).isCloseTo(expected, within(1e-10 * Math.max(1, expected)));
        }
    }

    @Test
    void denseLossGradientMatchesFiniteDifferences() {
        Random r = new Random(13);
        int b = 2;
        int s = 3;
        int d = 4;
        double[][][] qGrid = randomCells(r, b, s, d);
        NDArray kGrid = maps(randomCells(r, b, s, d), DataType.FLOAT64);
        NDArray matches = manager.create(new long[] {2, 0, 0, 1, 1, 2}, new Shape(b, s));
        NDArray neg = Vectors.array(manager, Vectors.random(r, 5, d), DataType.FLOAT64).transpose();
        DenseInfoNceLoss loss = new DenseInfoNceLoss(0.2f);
        NDArray a = maps(qGrid, DataType.FLOAT64);
        a.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss.compute(a, kGrid, matches, neg));
        }
        double[] analytic = a.getGradient().toDoubleArray(); // (B, D, S) order
        double eps = 1e-6;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < s; j++) {
                for (int k = 0; k < d; k++) {
                    double saved = qGrid[i][j][k];
                    qGrid[i][j][k] = saved + eps;
                    double up = loss.compute(maps(qGrid, DataType.FLOAT64), kGrid, matches, neg).getDouble();
                    qGrid[i][j][k] = saved - eps;
                    double down = loss.compute(maps(qGrid, DataType.FLOAT64), kGrid, matches, neg).getDouble();
                    qGrid[i][j][k] = saved;
                    assertThat(analytic[(i * d + k) * s + j]).as("dL/dq[%d][%d][%d]", i, j, k)
                            .isCloseTo((up - down) / (2 * eps), within(1e-6));
                }
            }
        }
    }

    @Test
    void denseLossStaysFiniteAtSmallTemperatureInFloat32() {
        // At tau 0.01 the logits span [-100, 100]: exp would overflow float32 without the max shift.
        Random r = new Random(17);
        double[][][] cells = randomCells(r, 2, 4, 6);
        NDArray grid = maps(cells, DataType.FLOAT32);
        NDArray matches = manager.create(new long[] {0, 1, 2, 3, 0, 1, 2, 3}, new Shape(2, 4));
        NDArray opposite = Tensors.l2Normalize(grid.neg().get(":, :, 0"), 1).transpose(); // (D, B) negatives
        double small = new DenseInfoNceLoss(0.01f).compute(grid, grid, matches, opposite).getFloat();
        assertThat(small).isFinite().isGreaterThanOrEqualTo(0).isLessThan(1e-3); // positives dominate
        NDArray same = Tensors.l2Normalize(grid.get(":, :, 0"), 1).transpose(); // negatives equal to some positives
        double tied = new DenseInfoNceLoss(0.01f).compute(grid, grid, matches, same).getFloat();
        assertThat(tied).isFinite().isGreaterThan(small);
    }
}
