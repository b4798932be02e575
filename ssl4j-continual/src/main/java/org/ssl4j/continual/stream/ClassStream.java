package org.ssl4j.continual.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.BatchLoader;

/**
 * The non-stationary streams of CURL's experiments (Rao et al. 2019, section 4; the official {@code training.py}) over
 * a labelled dataset whose labels only order the stream and never reach the learner: each step yields the dataset
 * indices of one batch. {@link Order#SEQUENTIAL}: the classes one after another in ascending order, each for
 * {@code stepsPerClass} steps, the batch drawn from the current class alone. {@link Order#SMOOTH}: the same with the
 * official blending, in the first quarter of a class's period the batch's first
 * {@code int((S/2 - 2t) B / S)} samples come from the previous class and in the last quarter its first
 * {@code int((2t - 3S/2) B / S)} from the next ({@code t} the step within the period of {@code S} steps).
 * {@link Order#IID}: every batch drawn from the whole dataset. Draws are uniform with replacement across steps and
 * depend only on the seed and the step, so a resumed run sees the same stream.
 */
public final class ClassStream {
    /** How the classes follow each other. */
    public enum Order {
        /** One class at a time, abrupt changes. */
        SEQUENTIAL,
        /** One class at a time, blended with the neighbouring classes around each change. */
        SMOOTH,
        /** All classes at once, shuffled. */
        IID
    }

    private final Order order;
    private final int batchSize;
    private final long stepsPerClass;
    private final long seed;
    private final int[] classes;
    private final int[][] members;
    private final int[] all;

    /**
     * @param labels each sample's label (only ordering the stream)
     * @param order how the classes follow each other
     * @param batchSize samples per step
     * @param stepsPerClass steps each class lasts (for {@link Order#IID}, the stream's length is this times the
     *     number of classes, as the other orders')
     * @param seed the stream's seed
     */
    public ClassStream(int[] labels, Order order, int batchSize, long stepsPerClass, long seed) {
        Ssl4jException.check(labels.length > 0, "stream: the dataset has no samples");
        Ssl4jException.check(batchSize >= 1 && stepsPerClass >= 1, "stream: batch size and steps per class must be "
                + "positive, got %d and %d", batchSize, stepsPerClass);
        this.order = order;
        this.batchSize = batchSize;
        this.stepsPerClass = stepsPerClass;
        this.seed = seed;
        TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(i);
        }
        classes = byClass.keySet().stream().mapToInt(Integer::intValue).toArray();
        members = byClass.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        all = new int[labels.length];
        Arrays.setAll(all, i -> i);
    }

    /** The stream's length in steps: {@code stepsPerClass} times the number of classes. */
    public long steps() {
        return stepsPerClass * classes.length;
    }

    /** The labels in the order the stream visits them. */
    public int[] classes() {
        return classes.clone();
    }

    /** The index (into {@link #classes}) of the class whose period {@code step} falls in. */
    public int period(long step) {
        return (int) Math.min(step / stepsPerClass, classes.length - 1);
    }

    /** The dataset indices of the batch at {@code step}. */
    public int[] batch(long step) {
        SplittableRandom random = new SplittableRandom(BatchLoader.mix(seed, step, 31));
        int[] batch = new int[batchSize];
        if (order == Order.IID) {
            fill(batch, 0, batchSize, all, random);
            return batch;
        }
        int period = period(step);
        fill(batch, 0, batchSize, members[period], random);
        if (order == Order.SMOOTH) {
            double t = step % stepsPerClass;
            double s = stepsPerClass;
            int other = 0;
            int from = period;
            if (t < s / 4 && period > 0) {
                other = (int) ((s / 2 - 2 * t) * batchSize / s);
                from = period - 1;
            } else if (t > 3 * s / 4 && period < classes.length - 1) {
                other = (int) ((2 * t - 3 * s / 2) * batchSize / s);
                from = period + 1;
            }
            fill(batch, 0, other, members[from], random);
        }
        return batch;
    }

    private static void fill(int[] batch, int start, int end, int[] pool, SplittableRandom random) {
        for (int i = start; i < end; i++) {
            batch[i] = pool[random.nextInt(pool.length)];
        }
    }
}
