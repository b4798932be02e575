package org.ssl4j.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.EngineTest;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.data.ViewTransform;
import org.ssl4j.core.nn.SmallConvNet;
import org.ssl4j.core.train.Engines;

class EvaluatorsTest extends EngineTest {
    @Test
    void knnVotesWithExponentialWeights() {
        // Train points on the unit circle; the query is closest to class 0 but two class-1 points are near too.
        NDArray train = manager.create(new float[] {1, 0, 0.8f, 0.6f, 0.6f, 0.8f, 0, 1}, new Shape(4, 2));
        int[] labels = {0, 1, 1, 0};
        NDArray query = manager.create(new float[] {0.95f, 0.3122f}, new Shape(1, 2));
        // k = 1: the nearest point (1, 0)... (cos 0.95 vs 0.947) -> class 0.
        assertThat(new KnnClassifier(1, 0.1f).predict(train, labels, query, 2)).containsExactly(0);
        // k = 3: one class-0 and two class-1 neighbours of similar weight -> class 1.
        assertThat(new KnnClassifier(3, 1f).predict(train, labels, query, 2)).containsExactly(1);
    }

    @Test
    void euclideanKnnRanksByDistanceAndBreaksTiesToTheSmallestClass() {
        NDArray train = manager.create(new float[] {1, 0, 10, 0.5f, -1, 0}, new Shape(3, 2));
        int[] labels = {0, 1, 2};
        // (2, 0.1) points exactly along (10, 0.5), cosine's nearest; (1, 0) is nearest in distance.
        NDArray query = manager.create(new float[] {2, 0.1f}, new Shape(1, 2));
        assertThat(new KnnClassifier(1, 0.1f).predict(train, labels, query, 3)).containsExactly(1);
        assertThat(KnnClassifier.euclidean(1).predict(train, labels, query, 3)).containsExactly(0);
        // (0, 0): (1, 0) and (-1, 0) at distance 1, one vote each: the tie goes to class 0.
        int[] swapped = {2, 1, 0};
        NDArray origin = manager.create(new float[] {0, 0}, new Shape(1, 2));
        assertThat(KnnClassifier.euclidean(2).predict(train, swapped, origin, 3)).containsExactly(0);
    }

    @Test
    void knnMatchesABruteForceSortOnRandomData() {
        Random r = new Random(9);
        int n = 700;
        int m = 40;
        int d = 6;
        int k = 15;
        float tau = 0.2f;
        float[] train = new float[n * d];
        float[] test = new float[m * d];
        int[] labels = new int[n];
        for (int i = 0; i < train.length; i++) {
            train[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < test.length; i++) {
            test[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(4);
        }
        int[] predicted = new KnnClassifier(k, tau).predict(manager.create(train, new Shape(n, d)), labels,
                manager.create(test, new Shape(m, d)), 4);
        for (int q = 0; q < m; q++) {
            double[] sims = new double[n];
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                sims[i] = cosine(test, q, train, i, d);
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(sims[b], sims[a]));
            double[] score = new double[4];
            for (int i = 0; i < k; i++) {
                score[labels[order[i]]] += Math.exp(sims[order[i]] / tau);
            }
            int best = 0;
            for (int c = 1; c < 4; c++) {
                best = score[c] > score[best] ? c : best;
            }
            assertThat(predicted[q]).as("query %d", q).isEqualTo(best);
        }
    }

    private static double cosine(float[] a, int i, float[] b, int j, int d) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int t = 0; t < d; t++) {
            dot += a[i * d + t] * b[j * d + t];
            na += a[i * d + t] * a[i * d + t];
            nb += b[j * d + t] * b[j * d + t];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void linearProbeSeparatesGaussianClustersAndBeatsChance() {
        Random r = new Random(3);
        int n = 600;
        int d = 5;
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (r.nextGaussian() * 0.5 + (j == y[i] ? 3 : 0) + 100); // large offset: standardise
            }
        }
        NDArray features = manager.create(x, new Shape(n, d));
        LinearProbe.Model model = new LinearProbe(500, 1e-4).fit(features, y, 3);
        assertThat(LinearProbe.accuracy(model.predict(features), y)).isGreaterThan(0.98);
        assertThat(model.iterations()).isLessThan(500);
    }

    /** Noisy 1x8x8 images whose class is which half (left or right) is bright. */
    private static Dataset halves(int n, long seed) {
        Random r = new Random(seed);
        float[][] images = new float[n][64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < 64; p++) {
                boolean bright = (p % 8 < 4) == (labels[i] == 0);
                images[i][p] = (float) Math.min(1, Math.max(0, (bright ? 0.7 : 0.3) + 0.15 * r.nextGaussian()));
            }
        }
        return new Dataset() {
            public int size() {
                return n;
            }

            public int[] sampleShape() {
                return new int[] {1, 8, 8};
            }

            public boolean hasLabels() {
                return true;
            }

            public int label(int index) {
                return labels[index];
            }

            public int numClasses() {
                return 2;
            }

            public void read(int index, float[] dst, int offset) {
                System.arraycopy(images[index], 0, dst, offset, 64);
            }
        };
    }

    @Test
    void fineTuningLearnsALabelledTaskAndIsRepeatable() {
        ViewTransform identity = new ViewTransform() {
            public int numViews() {
                return 1;
            }

            public int[] viewShape(int[] sampleShape) {
                return sampleShape;
            }

            public void apply(float[] sample, int[] shape, java.util.SplittableRandom random, float[][] views,
                    int position) {
                System.arraycopy(sample, 0, views[0], position * sample.length, sample.length);
            }
        };
        double[] top1 = new double[2];
        for (int run = 0; run < 2; run++) {
            Engines.seed(0);
            SmallConvNet encoder = new SmallConvNet(1, 1);
            encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
            top1[run] = new FineTuner(40, 16, 3e-3f, 0f, 1f, 0).fineTuneAndTest(encoder, encoder.numFeatures(),
                    halves(32, 1), halves(200, 2), identity, 2, manager).top1();
        }
        assertThat(top1[0]).isGreaterThan(0.95);
        assertThat(top1[1]).isEqualTo(top1[0]);
    }

    @Test
    void linearProbeCannotFitRandomLabelsOfHeldOutData() {
        Random r = new Random(4);
        int n = 400;
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(2);
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) r.nextGaussian();
            }
        }
        NDArray all = manager.create(x, new Shape(n, 4));
        LinearProbe.Model model = new LinearProbe(500, 1e-4).fit(all.get("0:200"),
                java.util.Arrays.copyOf(y, 200), 2);
        double held = LinearProbe.accuracy(model.predict(all.get("200:")), java.util.Arrays.copyOfRange(y, 200, n));
        assertThat(held).isBetween(0.35, 0.65);
    }

    @Test
    void resultsAppendRoundTripAndTable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        Results.append(file, List.of(new ResultRow("simclr", "linear", "top1", 0.975, "test", 0)));
        Results.append(file, List.of(new ResultRow("simclr", "knn", "top1", 0.95, "test", 0),
                new ResultRow("raw-pixels", "knn", "top1", 0.9, "test", 0)));
        List<ResultRow> rows = Results.read(file);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo(new ResultRow("simclr", "linear", "top1", 0.975, "test", 0));
        assertThat(Files.readString(file)).contains("\"encoder\" : \"simclr\"", "\"protocol\" : \"knn\"");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("results.json");
        String table = Results.table(rows);
        assertThat(table.lines().toList()).containsExactly(
                "encoder    | linear top-1 | knn top-1",
                "-----------|--------------|----------",
                "simclr     |        97.50 |     95.00",
                "raw-pixels |            - |     90.00");
    }
}
