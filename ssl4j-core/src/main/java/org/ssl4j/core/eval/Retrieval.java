package org.ssl4j.core.eval;

import ai.djl.ndarray.NDArray;
import org.ssl4j.core.Ssl4jException;

/**
 * Nearest-neighbour retrieval recall, the video protocol of Xu et al. 2019 (VCOP) that DSM and the other video
 * methods report: each test video queries the training videos by cosine similarity of its features (clip-averaged by
 * the caller), and R@k is the fraction of queries with at least one video of their class among the {@code k}
 * nearest.
 */
public final class Retrieval {
    private Retrieval() {}

    /**
     * Computes R@k for each {@code k}.
     *
     * @param train {@code (N, D)} gallery features
     * @param trainLabels their classes
     * @param test {@code (M, D)} query features
     * @param testLabels their classes
     * @param ks the cut-offs, e.g. {@code {1, 5, 10, 20}}
     * @return R@k as a fraction in [0, 1], in the order of {@code ks}
     */
    public static double[] recallAtK(NDArray train, int[] trainLabels, NDArray test, int[] testLabels, int... ks) {
        Ssl4jException.check(ks.length > 0, "retrieval needs at least one k");
        int max = 0;
        for (int k : ks) {
            Ssl4jException.check(k >= 1, "retrieval k must be >= 1, got %d", k);
            max = Math.max(max, k);
        }
        Ssl4jException.check(trainLabels.length == train.getShape().get(0) && testLabels.length == test.getShape().get(0),
                "retrieval labels must match the feature rows");
        long[] hits = new long[ks.length];
        NearestNeighbours.search(train, test, max, (row, top, sims, count) -> {
            int firstHit = Integer.MAX_VALUE; // rank (from 1) of the first neighbour of the query's class
            for (int i = 0; i < count; i++) {
                if (trainLabels[top[i]] == testLabels[row]) {
                    firstHit = i + 1;
                    break;
                }
            }
            for (int j = 0; j < ks.length; j++) {
                hits[j] += firstHit <= ks[j] ? 1 : 0;
            }
        });
        double[] out = new double[ks.length];
        for (int j = 0; j < ks.length; j++) {
            out[j] = (double) hits[j] / testLabels.length;
        }
        return out;
    }
}
