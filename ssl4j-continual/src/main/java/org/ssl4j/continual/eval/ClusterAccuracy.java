package org.ssl4j.continual.eval;

import org.ssl4j.core.Ssl4jException;

/**
 * Cluster accuracy, the measure of CURL's tables (Rao et al. 2019, section 4.1; the official {@code compute_purity}):
 * each cluster is mapped to the class most of its samples have and a sample is right when its cluster's class is its
 * own ({@link #majority}, the purity of the confusion matrix); and, where clusters and classes are as many, the
 * one-to-one mapping that gets the most samples right ({@link #hungarian}), the usual measure of clustering methods.
 */
public final class ClusterAccuracy {
    private ClusterAccuracy() {}

    /** The counts {@code [cluster][class]} of the samples. */
    public static long[][] confusion(int[] clusters, int[] labels, int numClusters, int numClasses) {
        Ssl4jException.check(clusters.length == labels.length, "cluster accuracy: %d clusters for %d labels",
                clusters.length, labels.length);
        long[][] counts = new long[numClusters][numClasses];
        for (int i = 0; i < clusters.length; i++) {
            counts[clusters[i]][labels[i]]++;
        }
        return counts;
    }

    /** Each cluster's majority class ({@code -1} for a cluster without samples; a tie goes to the smallest class). */
    public static int[] majorityMapping(long[][] confusion) {
        int[] mapping = new int[confusion.length];
        for (int k = 0; k < confusion.length; k++) {
            int best = -1;
            for (int c = 0; c < confusion[k].length; c++) {
                if (confusion[k][c] > 0 && (best < 0 || confusion[k][c] > confusion[k][best])) {
                    best = c;
                }
            }
            mapping[k] = best;
        }
        return mapping;
    }

    /** The fraction of samples whose cluster's majority class is their class. */
    public static double majority(int[] clusters, int[] labels, int numClusters, int numClasses) {
        long[][] confusion = confusion(clusters, labels, numClusters, numClasses);
        long right = 0;
        for (long[] row : confusion) {
            long max = 0;
            for (long n : row) {
                max = Math.max(max, n);
            }
            right += max;
        }
        return clusters.length == 0 ? 0 : (double) right / clusters.length;
    }

    /**
     * The fraction right under the best one-to-one mapping of clusters to classes, for as many clusters as classes.
     */
    public static double hungarian(int[] clusters, int[] labels, int numClasses) {
        long[][] confusion = confusion(clusters, labels, numClasses, numClasses);
        int[] assignment = Hungarian.maximise(confusion);
        long right = 0;
        for (int k = 0; k < numClasses; k++) {
            right += confusion[k][assignment[k]];
        }
        return clusters.length == 0 ? 0 : (double) right / clusters.length;
    }
}
