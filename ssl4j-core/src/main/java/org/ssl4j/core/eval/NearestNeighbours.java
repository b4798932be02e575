package org.ssl4j.core.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.ssl4j.core.tensor.Tensors;

/**
 * The {@code k} training rows most similar to each test row (highest cosine similarity, or smallest Euclidean
 * distance), found in chunks of test rows so that the similarity matrix never exceeds {@value #CHUNK} rows: the search
 * behind the kNN classifiers and retrieval R@k.
 */
final class NearestNeighbours {
    private static final int CHUNK = 512;

    /** Receives one test row's neighbours, most similar first. */
    interface Sink {
        /**
         * @param row the test row
         * @param indices training rows, most similar first ({@code count} valid)
         * @param similarities their cosine similarities, or their negated squared Euclidean distances
         * @param count {@code min(k, N)}
         */
        void accept(int row, int[] indices, float[] similarities, int count);
    }

    private NearestNeighbours() {}

    /**
     * Finds the neighbours.
     *
     * @param train {@code (N, D)} training features
     * @param test {@code (M, D)} test features
     * @param k neighbours wanted
     * @param sink called once per test row, in order, on this thread
     */
    static void search(NDArray train, NDArray test, int k, Sink sink) {
        search(train, test, k, false, sink);
    }

    /**
     * As {@link #search(NDArray, NDArray, int, Sink)}; {@code euclidean} ranks by Euclidean distance, the similarity
     * being {@code -|q - t|^2 = 2 q.t - |q|^2 - |t|^2}.
     */
    static void search(NDArray train, NDArray test, int k, boolean euclidean, Sink sink) {
        int n = Math.toIntExact(train.getShape().get(0));
        int m = Math.toIntExact(test.getShape().get(0));
        int kk = Math.min(k, n);
        int[] top = new int[kk];
        float[] topSim = new float[kk];
        try (NDManager scope = train.getManager().newSubManager()) {
            scope.tempAttachAll(train, test);
            NDArray trainT = (euclidean ? train : Tensors.l2Normalize(train, 1)).transpose(); // (D, N)
            NDArray trainNorms = euclidean ? train.square().sum(new int[] {1}).expandDims(0) : null; // (1, N)
            for (int start = 0; start < m; start += CHUNK) {
                int rows = Math.min(CHUNK, m - start);
                try (NDManager chunk = scope.newSubManager()) {
                    NDArray q = test.get(new NDIndex("{}:{}", start, start + rows));
                    q.attach(chunk);
                    float[] sims = (euclidean
                            ? q.matMul(trainT).mul(2).sub(trainNorms).sub(q.square().sum(new int[] {1}, true))
                            : Tensors.l2Normalize(q, 1).matMul(trainT)).toFloatArray(); // (rows, N)
                    for (int r = 0; r < rows; r++) {
                        select(sims, r * n, n, kk, top, topSim);
                        sink.accept(start + r, top, topSim, kk);
                    }
                }
            }
        }
    }

    /** Top-{@code kk} of one row by insertion into a descending list (k is small beside N). */
    private static void select(float[] sims, int offset, int n, int kk, int[] top, float[] topSim) {
        int filled = 0;
        for (int j = 0; j < n; j++) {
            float s = sims[offset + j];
            if (filled < kk) {
                filled++;
            } else if (s <= topSim[kk - 1]) {
                continue;
            }
            int p = filled - 1;
            while (p > 0 && topSim[p - 1] < s) {
                topSim[p] = topSim[p - 1];
                top[p] = top[p - 1];
                p--;
            }
            topSim[p] = s;
            top[p] = j;
        }
    }
}
