package org.ssl4j.core.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.ssl4j.core.tensor.Tensors;

/**
 * Weighted k-nearest-neighbour classification on L2-normalised features (Wu et al. 2018, InstDisc, eq. 8): the
 * {@code k} training samples of highest cosine similarity {@code s_i} vote for their class with weight
 * {@code exp(s_i / tau)}; the class with the largest total wins.
 */
public final class KnnClassifier {
    private static final int CHUNK = 512;

    private final int k;
    private final float temperature;

    /**
     * @param k neighbours, at least 1
     * @param temperature tau &gt; 0
     */
    public KnnClassifier(int k, float temperature) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0: " + temperature);
        }
        this.k = k;
        this.temperature = temperature;
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
        int n = Math.toIntExact(train.getShape().get(0));
        int m = Math.toIntExact(test.getShape().get(0));
        int kk = Math.min(k, n);
        int[] predictions = new int[m];
        try (NDManager scope = train.getManager().newSubManager()) {
            scope.tempAttachAll(train, test);
            NDArray trainN = Tensors.l2Normalize(train, 1); // (N, D)
            NDArray trainT = trainN.transpose(); // (D, N)
            for (int start = 0; start < m; start += CHUNK) {
                int rows = Math.min(CHUNK, m - start);
                try (NDManager chunk = scope.newSubManager()) {
                    NDArray q = test.get(new NDIndex("{}:{}", start, start + rows));
                    q.attach(chunk);
                    float[] sims = Tensors.l2Normalize(q, 1).matMul(trainT).toFloatArray(); // (rows, N)
                    for (int r = 0; r < rows; r++) {
                        predictions[start + r] = vote(sims, r * n, n, kk, trainLabels, numClasses);
                    }
                }
            }
        }
        return predictions;
    }

    /** Top-k selection by partial sort over one row, then the weighted vote. */
    private int vote(float[] sims, int offset, int n, int kk, int[] labels, int numClasses) {
        int[] top = new int[kk];
        float[] topSim = new float[kk];
        int filled = 0;
        for (int j = 0; j < n; j++) {
            float s = sims[offset + j];
            if (filled < kk) {
                filled++;
            } else if (s <= topSim[kk - 1]) {
                continue;
            }
            int p = filled - 1; // insertion into the descending top list
            while (p > 0 && topSim[p - 1] < s) {
                topSim[p] = topSim[p - 1];
                top[p] = top[p - 1];
                p--;
            }
            topSim[p] = s;
            top[p] = j;
        }
        double[] score = new double[numClasses];
        for (int i = 0; i < kk; i++) {
            score[labels[top[i]]] += Math.exp(topSim[i] / temperature);
        }
        int best = 0;
        for (int c = 1; c < numClasses; c++) {
            if (score[c] > score[best]) {
                best = c;
            }
        }
        return best;
    }
}
