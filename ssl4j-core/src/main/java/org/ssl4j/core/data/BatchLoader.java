package org.ssl4j.core.data;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Produces the augmented batches of a run on worker threads, {@code prefetch} steps ahead of the training loop.
 *
 * <p>Everything is a function of {@code (seed, step)}: the epoch's order is a seeded shuffle, and each sample's views
 * come from a generator seeded by {@code (seed, step, position)}. So batches are identical whatever the number of
 * workers, and a run can start at any step (exact resume needs only the step).
 *
 * <p>Each epoch drops its last incomplete batch, so all steps have the same batch size.
 */
public final class BatchLoader implements BatchSource, AutoCloseable {
    private final Dataset dataset;
    private final ViewTransform transform;
    private final int batchSize;
    private final long seed;
    private final long totalSteps;
    private final int prefetch;
    private final ExecutorService workers;
    private final Deque<Future<HostBatch>> pending = new ArrayDeque<>();
    private final int stepsPerEpoch;
    private long nextToSubmit;
    private int[] cachedOrder;
    private long cachedEpoch = -1;

    /**
     * @param dataset the samples
     * @param transform the view transform
     * @param batchSize samples per batch, at most the dataset size
     * @param seed run seed
     * @param firstStep the step to start at (0, or the resume point)
     * @param totalSteps the step to stop before
     * @param workers worker threads
     * @param prefetch batches in flight
     */
    public BatchLoader(Dataset dataset, ViewTransform transform, int batchSize, long seed, long firstStep,
            long totalSteps, int workers, int prefetch) {
        if (batchSize > dataset.size()) {
            throw new IllegalArgumentException(
                    "batch size " + batchSize + " exceeds the dataset's " + dataset.size() + " samples");
        }
        this.dataset = dataset;
        this.transform = transform;
        this.batchSize = batchSize;
        this.seed = seed;
        this.totalSteps = totalSteps;
        this.prefetch = prefetch;
        this.stepsPerEpoch = dataset.size() / batchSize;
        this.nextToSubmit = firstStep;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "ssl4j-loader-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        fill();
    }

    /** Steps in one epoch (dataset size divided by batch size, rounded down). */
    public static int stepsPerEpoch(int datasetSize, int batchSize) {
        return datasetSize / batchSize;
    }

    /** Whether another batch remains. */
    public boolean hasNext() {
        return !pending.isEmpty();
    }

    /** The next batch, waiting for it if needed. */
    @Override
    public HostBatch next() {
        Future<HostBatch> future = pending.poll();
        if (future == null) {
            throw new IllegalStateException("no more batches");
        }
        fill();
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("loader failed", e.getCause());
        }
    }

    private void fill() {
        while (pending.size() < prefetch && nextToSubmit < totalSteps) {
            long step = nextToSubmit++;
            int[] indices = indicesOf(step);
            pending.add(workers.submit(() -> build(step, indices)));
        }
    }

    /** The dataset indices of {@code step}'s batch (called on the loop thread only). */
    private int[] indicesOf(long step) {
        long epoch = step / stepsPerEpoch;
        if (epoch != cachedEpoch) {
            cachedOrder = permutation(dataset.size(), mix(seed, epoch, -1));
            cachedEpoch = epoch;
        }
        int start = (int) (step % stepsPerEpoch) * batchSize;
        int[] indices = new int[batchSize];
        System.arraycopy(cachedOrder, start, indices, 0, batchSize);
        return indices;
    }

    private HostBatch build(long step, int[] indices) {
        int[] sampleShape = dataset.sampleShape();
        int[][] viewShapes = new int[transform.numViews()][];
        float[][] views = new float[viewShapes.length][];
        for (int v = 0; v < viewShapes.length; v++) {
            viewShapes[v] = transform.viewShape(v, sampleShape);
            views[v] = new float[batchSize * transform.viewLength(v, sampleShape)];
        }
        float[] sample = new float[dataset.sampleLength()];
        int[] labels = dataset.hasLabels() ? new int[batchSize] : null;
        for (int i = 0; i < batchSize; i++) {
            SplittableRandom random = new SplittableRandom(mix(seed, step, i));
            dataset.read(indices[i], sample, 0, random);
            transform.apply(sample, sampleShape, random, views, i);
            if (labels != null) {
                labels[i] = dataset.label(indices[i]);
            }
        }
        return new HostBatch(step, mix(seed, step, -2), views, viewShapes, labels, indices);
    }

    /** A Fisher-Yates permutation of {@code 0..n-1} from {@code seed}. */
    public static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Mixes three numbers into a well-spread 64-bit seed (SplitMix64 finaliser on a combination). */
    public static long mix(long a, long b, long c) {
        long z = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + c * 0x165667B19E3779F9L + 0x27D4EB2F165667C5L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        pending.clear();
    }
}
