package org.ssl4j.core.eval;

import ai.djl.ndarray.NDArray;

/**
 * Weighted k-nearest-neighbour classification on L2-normalised features (Wu et al. 2018, InstDisc, eq. 8): the
 * {@code k} training samples of highest cosine similarity {@code s_i} vote for their class with weight
 * {@code exp(s_i / tau)}; the class with the largest total wins. {@link #euclidean} is the plain classifier of
 * scikit-learn's {@code KNeighborsClassifier} that CURL's evaluation uses: the {@code k} nearest in Euclidean distance,
 * one vote each, a tie going to the smallest class.
 */
public final class KnnClassifier {
    private final int k;
    private final float temperature;
    private final boolean euclidean;

    /** The Euclidean majority-vote classifier. */
    public static KnnClassifier euclidean(int k) {
        return new KnnClassifier(k, Float.POSITIVE_INFINITY, true);
    }

    /**
     * @param k neighbours, at least 1
     * @param temperature tau &gt; 0
     */
    public KnnClassifier(int k, float temperature) {
        this(k, temperature, false);
    }

    private KnnClassifier(int k, float temperature, boolean euclidean) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0: " + temperature);
        }
        this.k = k;
        this.temperature = temperature;
        this.euclidean = euclidean;
    }

    /**
     * Predicts a class for each test row.
     *
     * @param train {@code (N, D)} training features
     * @param trainLabels their classes
     * @param test {@code (M, D)} test features
     * @param numClasses number of classes
     * @return the predicted class of each test row
     */
    public int[] predict(NDArray train, int[] trainLabels, NDArray test, int numClasses) {
        int[] predictions = new int[Math.toIntExact(test.getShape().get(0))];
        NearestNeighbours.search(train, test, k, euclidean, (row, top, topSim, count) -> {
            double[] score = new double[numClasses];
            for (int i = 0; i < count; i++) {
                score[trainLabels[top[i]]] += euclidean ? 1 : Math.exp(topSim[i] / temperature);
            }
            int best = 0;
            for (int c = 1; c < numClasses; c++) {
                if (score[c] > score[best]) {
                    best = c;
                }
            }
            predictions[row] = best;
        });
        return predictions;
    }
}
