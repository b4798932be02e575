package org.ssl4j.core.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.tensor.Tensors;

/**
 * K-means on tensors (Lloyd's algorithm with k-means++ seeding, Arthur and Vassilvitskii 2007): the clustering of
 * DeepCluster-style methods (XDC's pseudo-labels, ELo's) and of cluster-accuracy evaluations. Distances of a batch of
 * points to every centroid are one matrix product ({@code |x|^2 - 2 x.c + |c|^2}); centroids are the means of their
 * points through a one-hot product. A cluster left empty is re-seeded as DeepCluster does: it takes the centroid of
 * the largest cluster, slightly perturbed, so that the next assignment splits it.
 *
 * <p>Written here rather than taken from a library: the JVM's k-means implementations (Smile, Apache Commons Math)
 * work on {@code double[][]} one point at a time, and the features to cluster are already tensors.
 */
public final class KMeans {
    /** Points whose distances are computed in one matrix product. */
    private static final int BATCH = 8192;
    /** Relative size of the perturbation of a re-seeded centroid (DeepCluster's 1e-7 on unit features, scaled). */
    private static final float PERTURBATION = 1e-4f;

    /**
     * A clustering.
     *
     * @param centroids {@code (k, D)}, on the manager the points were on
     * @param assignments the cluster of each point
     * @param inertia the sum of squared distances of the points to their centroids
     * @param iterations the Lloyd iterations run
     * @param reseeded how many times an empty cluster was re-seeded
     */
    public record Result(NDArray centroids, int[] assignments, double inertia, int iterations, int reseeded) {
        /** The number of points in each cluster. */
        public int[] sizes() {
            int[] out = new int[(int) centroids.getShape().get(0)];
            for (int a : assignments) {
                out[a]++;
            }
            return out;
        }
    }

    private final int k;
    private final int maxIterations;
    private final long seed;

    /**
     * @param k the number of clusters
     * @param maxIterations the most Lloyd iterations; it stops earlier when no assignment changes
     * @param seed the seed of the k-means++ draws and the re-seeding
     */
    public KMeans(int k, int maxIterations, long seed) {
        Ssl4jException.check(k >= 1, "k-means needs k >= 1 clusters, got %d", k);
        Ssl4jException.check(maxIterations >= 1, "k-means needs at least 1 iteration, got %d", maxIterations);
        this.k = k;
        this.maxIterations = maxIterations;
        this.seed = seed;
    }

    /** Clusters the rows of {@code x} {@code (N, D)}, N >= k, seeded by k-means++. */
    public Result fit(NDArray x) {
        checkPoints(x);
        NDManager caller = x.getManager();
        try (NDManager scope = caller.newSubManager()) {
            NDArray points = x.toType(DataType.FLOAT32, true); // a copy, whatever the type
            points.attach(scope);
            return lloyd(points, seedCentroids(points, new SplittableRandom(seed)), caller);
        }
    }

    /** Clusters the rows of {@code x} from the given {@code (k, D)} centroids. */
    public Result fit(NDArray x, NDArray initialCentroids) {
        checkPoints(x);
        Ssl4jException.check(initialCentroids.getShape().get(0) == k
                && initialCentroids.getShape().get(1) == x.getShape().get(1),
                "k-means initial centroids must be (%d, %d), got %s", k, x.getShape().get(1),
                initialCentroids.getShape());
        NDManager caller = x.getManager();
        try (NDManager scope = caller.newSubManager()) {
            NDArray points = x.toType(DataType.FLOAT32, true);
            points.attach(scope);
            NDArray centroids = initialCentroids.toType(DataType.FLOAT32, true);
            centroids.attach(scope);
            return lloyd(points, centroids, caller);
        }
    }

    private void checkPoints(NDArray x) {
        Tensors.checkRank(x, 2, "k-means points");
        Ssl4jException.check(x.getShape().get(0) >= k, "k-means needs at least k = %d points, got %d", k,
                x.getShape().get(0));
    }

    /** k-means++: the first centroid uniformly, each next one with probability proportional to squared distance. */
    private NDArray seedCentroids(NDArray points, SplittableRandom random) {
        int n = (int) points.getShape().get(0);
        int[] chosen = new int[k];
        chosen[0] = random.nextInt(n);
        float[] nearest = squaredDistances(points, chosen[0]); // (N)
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (float d : nearest) {
                total += Math.max(0, d);
            }
            int pick = n - 1;
            if (total > 0) {
                double target = random.nextDouble() * total;
                double cumulative = 0;
                for (int i = 0; i < n; i++) {
                    cumulative += Math.max(0, nearest[i]);
                    if (cumulative > target) {
                        pick = i;
                        break;
                    }
                }
            } else {
                pick = random.nextInt(n); // every point sits on a centroid already
            }
            chosen[c] = pick;
            float[] toNew = squaredDistances(points, pick);
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], toNew[i]);
            }
        }
        return points.get(Tensors.indices(points.getManager(), chosen));
    }

    /** Squared distances of the rows of {@code points} to its row {@code centre}, on a scope of their own. */
    private static float[] squaredDistances(NDArray points, int centre) {
        try (NDManager scope = points.getManager().newSubManager()) {
            NDArray row = points.get(centre).expandDims(0); // (1, D)
            row.attach(scope); // the first operand: the (N, D) temporaries below live on this scope
            return row.sub(points).square().sum(new int[] {1}).toFloatArray();
        }
    }

    /**
     * Lloyd iterations from {@code centroids}; {@code points} and {@code centroids} live on the fit's scope, each
     * iteration's temporaries on its own, and the result's centroids are moved to {@code out}.
     */
    private Result lloyd(NDArray points, NDArray centroids, NDManager out) {
        int n = (int) points.getShape().get(0);
        SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        int[] assignments = new int[n];
        Arrays.fill(assignments, -1);
        double inertia = 0;
        int iterations = 0;
        int reseeded = 0;
        NDManager fit = points.getManager();
        NDArray norms = points.square().sum(new int[] {1}); // (N)
        while (iterations < maxIterations) {
            iterations++;
            try (NDManager step = fit.newSubManager()) {
                NDArray c = centroids.duplicate();
                c.attach(step);
                double[] cost = {0};
                int[] next = assign(points, norms, c, cost);
                boolean changed = !Arrays.equals(next, assignments);
                assignments = next;
                inertia = cost[0];
                // New centroids: the means of their points; an empty cluster takes the largest one's, perturbed.
                NDArray oneHot = Tensors.indices(step, assignments).oneHot(k).toType(DataType.FLOAT32, false);
                NDArray sums = oneHot.transpose().matMul(points); // (k, D)
                float[] counts = oneHot.sum(new int[] {0}).toFloatArray();
                int largest = 0;
                for (int j = 1; j < k; j++) {
                    largest = counts[j] > counts[largest] ? j : largest;
                }
                NDArray means = sums.div(step.create(counts).maximum(1f).expandDims(1));
                for (int j = 0; j < k; j++) {
                    if (counts[j] == 0) {
                        NDArray base = means.get(largest);
                        float scale = PERTURBATION * Math.max(1e-6f, base.abs().max().getFloat());
                        float[] noise = new float[(int) base.size()];
                        for (int i = 0; i < noise.length; i++) {
                            noise[i] = (float) ((2 * random.nextDouble() - 1) * scale);
                        }
                        means.set(new NDIndex(j), base.add(step.create(noise)));
                        reseeded++;
                        changed = true;
                    }
                }
                means.attach(fit);
                centroids.close();
                centroids = means;
                if (!changed) {
                    break;
                }
            }
        }
        centroids.attach(out);
        return new Result(centroids, assignments, inertia, iterations, reseeded);
    }

    /**
     * The nearest of the {@code (k, D)} {@code centroids} (a fit's, for points it did not see) of every row of
     * {@code points} {@code (N, D)}, in Euclidean distance.
     */
    public static int[] nearest(NDArray points, NDArray centroids) {
        try (NDManager scope = points.getManager().newSubManager()) {
            NDArray norms = points.square().sum(new int[] {1});
            norms.attach(scope);
            return assign(points, norms, centroids, new double[1]);
        }
    }

    /**
     * The nearest of the {@code (k, D)} centroids of every point, in batches, each batch's temporaries on a scope
     * under the centroids'; {@code cost[0]} gets the sum of squared distances.
     */
    private static int[] assign(NDArray points, NDArray norms, NDArray centroids, double[] cost) {
        int n = (int) points.getShape().get(0);
        int[] out = new int[n];
        NDArray transposed = centroids.transpose(); // (D, k)
        NDArray centroidNorms = centroids.square().sum(new int[] {1}).expandDims(0); // (1, k)
        for (int start = 0; start < n; start += BATCH) {
            int end = Math.min(n, start + BATCH);
            try (NDManager scope = centroids.getManager().newSubManager()) {
                NDArray batch = points.get("{}:{}", start, end);
                batch.attach(scope);
                NDArray batchNorms = norms.get("{}:{}", start, end);
                batchNorms.attach(scope);
                NDArray distances = batchNorms.expandDims(1).sub(batch.matMul(transposed).mul(2))
                        .add(centroidNorms); // (b, k)
                long[] indices = distances.argMin(1).toType(DataType.INT64, false).toLongArray();
                float[] minima = distances.min(new int[] {1}).toFloatArray();
                for (int i = 0; i < indices.length; i++) {
                    out[start + i] = (int) indices[i];
                    cost[0] += Math.max(0, minima[i]);
                }
            }
        }
        return out;
    }
}
