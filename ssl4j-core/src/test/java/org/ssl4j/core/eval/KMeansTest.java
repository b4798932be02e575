package org.ssl4j.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;
import org.ssl4j.core.Ssl4jException;

class KMeansTest extends EngineTest {
    /** {@code perBlob} points around each of {@code k} centres 100 apart in 8 dimensions, noise of sd 1. */
    private NDArray blobs(int k, int perBlob, int[] truth, Random random) {
        int d = 8;
        float[] x = new float[k * perBlob * d];
        for (int b = 0; b < k; b++) {
            for (int p = 0; p < perBlob; p++) {
                int i = b * perBlob + p;
                truth[i] = b;
                for (int j = 0; j < d; j++) {
                    double centre = j == b % d ? 100.0 * (1 + b / d) : 0;
                    x[i * d + j] = (float) (centre + random.nextGaussian());
                }
            }
        }
        return manager.create(x, new Shape((long) k * perBlob, d));
    }

    @Test
    void wellSeparatedBlobsAreRecoveredExactly() {
        for (int seed = 0; seed < 5; seed++) {
            int k = 12;
            int[] truth = new int[k * 40];
            NDArray x = blobs(k, 40, truth, new Random(seed));
            KMeans.Result result = new KMeans(k, 50, seed).fit(x);
            // The same partition up to the clusters' names: a one-to-one map from true blob to cluster.
            Map<Integer, Integer> clusterOf = new HashMap<>();
            for (int i = 0; i < truth.length; i++) {
                Integer before = clusterOf.putIfAbsent(truth[i], result.assignments()[i]);
                assertThat(before == null || before == result.assignments()[i]).as("seed %d point %d", seed, i)
                        .isTrue();
            }
            assertThat(clusterOf.values()).as("seed %d", seed).doesNotHaveDuplicates().hasSize(k);
            assertThat(result.sizes()).containsOnly(40);
            // Inertia: about N * D * sd^2 = 480 * 8 of noise around the true centres.
            assertThat(result.inertia()).isBetween(0.8 * 480 * 8, 1.2 * 480 * 8);
            assertThat(result.centroids().getShape()).isEqualTo(new Shape(k, 8));
        }
    }

    @Test
    void theSameSeedGivesTheSameClusteringAndLloydLowersTheCost() {
        Random random = new Random(7);
        float[] x = new float[600 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        NDArray points = manager.create(x, new Shape(600, 3));
        KMeans.Result a = new KMeans(5, 30, 3).fit(points);
        KMeans.Result b = new KMeans(5, 30, 3).fit(points);
        assertThat(a.assignments()).containsExactly(b.assignments());
        KMeans.Result once = new KMeans(5, 1, 3).fit(points);
        assertThat(a.inertia()).isLessThan(once.inertia());
    }

    @Test
    void anEmptyClusterIsReseededBySplittingTheLargest() {
        // Two tight groups at 0 and 10 on a line; the third initial centroid is far away and gets no point.
        float[] x = {0, 0.1f, 0.2f, 0.3f, 10, 10.1f};
        NDArray points = manager.create(x, new Shape(6, 1));
        NDArray initial = manager.create(new float[] {0, 10, 1000}, new Shape(3, 1));
        KMeans.Result result = new KMeans(3, 20, 0).fit(points, initial);
        assertThat(result.reseeded()).isPositive();
        assertThat(result.sizes()).doesNotContain(0); // the group at 0 was split
        assertThat(result.assignments()[4]).isEqualTo(result.assignments()[5]);
        float[] centroids = result.centroids().toFloatArray();
        assertThat(centroids).contains(new float[] {10.05f}, within(1e-4f));
    }

    @Test
    void tooFewPointsAndBadShapesAreErrors() {
        NDArray two = manager.create(new float[] {0, 1}, new Shape(2, 1));
        assertThatThrownBy(() -> new KMeans(3, 10, 0).fit(two)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("at least k = 3 points");
        assertThatThrownBy(() -> new KMeans(0, 10, 0)).isInstanceOf(Ssl4jException.class);
        assertThatThrownBy(() -> new KMeans(2, 10, 0).fit(two, manager.create(new float[] {0}, new Shape(1, 1))))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("initial centroids must be (2, 1)");
    }
}
