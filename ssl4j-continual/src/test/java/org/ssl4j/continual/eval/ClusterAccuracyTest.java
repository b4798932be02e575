package org.ssl4j.continual.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cluster accuracy, the Hungarian matching and per-task forgetting on small cases computed by hand. */
class ClusterAccuracyTest {
    @Test
    void majorityMapsEachClusterToItsCommonestClass() {
        // Cluster 0: classes 0, 0, 1 -> 2 right; cluster 1: 1, 1 -> 2; cluster 2: 2, 0 -> 1 (tie to class 0).
        int[] clusters = {0, 0, 0, 1, 1, 2, 2};
        int[] labels = {0, 0, 1, 1, 1, 2, 0};
        assertThat(ClusterAccuracy.majority(clusters, labels, 3, 3)).isCloseTo(5.0 / 7, within(1e-12));
        assertThat(ClusterAccuracy.majorityMapping(ClusterAccuracy.confusion(clusters, labels, 4, 3)))
                .containsExactly(0, 1, 0, -1);
        // One-to-one: 0->0 (2), 1->1 (2), 2->2 (1): 5 of 7 here too; below, two clusters want class 0.
        assertThat(ClusterAccuracy.hungarian(clusters, labels, 3)).isCloseTo(5.0 / 7, within(1e-12));
        int[] greedy = {0, 0, 0, 1, 1, 1, 2};
        int[] truth = {0, 0, 1, 0, 0, 2, 2};
        // Majority: cluster 0 -> 0 (2), cluster 1 -> 0 (2), cluster 2 -> 2 (1): 5. One-to-one: 0->1 (1) or 0->0 (2),
        // 1->0 (2) or 1->2 (1), 2->2 (1): the best is 0->0, 1->2, 2->? (class 1: 0) = 3, or 0->1, 1->0, 2->2 = 4.
        assertThat(ClusterAccuracy.majority(greedy, truth, 3, 3)).isCloseTo(5.0 / 7, within(1e-12));
        assertThat(ClusterAccuracy.hungarian(greedy, truth, 3)).isCloseTo(4.0 / 7, within(1e-12));
    }

    @Test
    void hungarianMatchesABruteForceSearchOnRandomMatrices() {
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(6);
            long[][] w = new long[n][n];
            for (long[] row : w) {
                for (int j = 0; j < n; j++) {
                    row[j] = random.nextInt(20);
                }
            }
            int[] assignment = Hungarian.maximise(w);
            long total = 0;
            boolean[] used = new boolean[n];
            for (int i = 0; i < n; i++) {
                assertThat(used[assignment[i]]).as("one-to-one").isFalse();
                used[assignment[i]] = true;
                total += w[i][assignment[i]];
            }
            assertThat(total).isEqualTo(best(w, 0, new boolean[n]));
        }
    }

    private static long best(long[][] w, int row, boolean[] used) {
        if (row == w.length) {
            return 0;
        }
        long best = Long.MIN_VALUE;
        for (int j = 0; j < w.length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.max(best, w[row][j] + best(w, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }

    @Test
    void forgettingIsTheBestEarlierAccuracyMinusTheLast() {
        // Three tasks, classes 2, 0, 1 in stream order; two test samples per class (labels 2, 2, 0, 0, 1, 1).
        int[] labels = {2, 2, 0, 0, 1, 1};
        int[] order = {2, 0, 1};
        List<int[]> after = List.of(
                new int[] {0, 0, 0, 0, 0, 0}, // task 0 (class 2): everything in cluster 0 -> class 2: 1.0
                new int[] {0, 0, 1, 1, 1, 1}, // task 1: cluster 0 -> 2, cluster 1 -> 0: both 1.0
                new int[] {1, 0, 1, 1, 2, 2}); // task 2: cluster 1 -> 0 (2 of 3), so class 2 gets 1 of 2
        TaskAccuracies tasks = new TaskAccuracies(after, labels, order, 3);
        double[][] a = tasks.accuracy();
        assertThat(a[0]).containsExactly(1.0);
        assertThat(a[1]).containsExactly(1.0, 1.0);
        assertThat(a[2]).containsExactly(0.5, 1.0, 1.0);
        assertThat(tasks.forgetting(0)).isCloseTo(0.5, within(1e-12));
        assertThat(tasks.forgetting(1)).isCloseTo(0.0, within(1e-12));
        assertThat(tasks.meanForgetting(2)).isCloseTo(0.25, within(1e-12));
    }
}
