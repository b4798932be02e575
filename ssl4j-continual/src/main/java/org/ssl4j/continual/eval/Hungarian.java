package org.ssl4j.continual.eval;

import java.util.Arrays;

/**
 * The assignment problem solved by the Hungarian method with row and column potentials (Kuhn 1955; the O(n^3)
 * shortest-augmenting-path form of Jonker and Volgenant): the one-to-one matching of rows to columns of a square
 * matrix with the largest total. Written here because no maintained JVM library offers it on its own (Apache Commons
 * Math has none; OR-Tools' native solver would be a large dependency for a 10 x 10 matching).
 */
final class Hungarian {
    private Hungarian() {}

    /** For each row of the square {@code weights}, its column in a matching of largest total weight. */
    static int[] maximise(long[][] weights) {
        int n = weights.length;
        long max = 0;
        for (long[] row : weights) {
            for (long w : row) {
                max = Math.max(max, w);
            }
        }
        // Minimise the cost max - w on a 1-based matrix; u, v the potentials, match[j] the row of column j.
        long[] u = new long[n + 1];
        long[] v = new long[n + 1];
        int[] match = new int[n + 1];
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            match[0] = i;
            int j0 = 0;
            long[] minv = new long[n + 1];
            Arrays.fill(minv, Long.MAX_VALUE);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = match[j0];
                long delta = Long.MAX_VALUE;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        long cost = max - weights[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cost < minv[j]) {
                            minv[j] = cost;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[match[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (match[j0] != 0);
            do {
                int j1 = way[j0];
                match[j0] = match[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] assignment = new int[n];
        for (int j = 1; j <= n; j++) {
            assignment[match[j] - 1] = j - 1;
        }
        return assignment;
    }
}
