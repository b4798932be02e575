package org.ssl4j.core.memory;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.ssl4j.core.tensor.Tensors;

/**
 * The dictionary of negative keys of MoCo (He et al. 2020, section 3.2): a first-in first-out ring of the last
 * {@code K} unit keys, stored as columns {@code (D, K)} as in the official code so that {@code q.matMul(keys)} needs
 * no transpose (an array derived from the queue would land on the queue's long-lived manager). Each step's keys replace the oldest entries; a batch that
 * reaches the end of the ring wraps around, so any {@code K >= batch} works. It starts as random unit vectors drawn
 * from the engine's seeded generator, as in the official code.
 */
public final class NegativeQueue {
    private final NDArray keys;
    private final int capacity;
    private long pointer;

    /**
     * @param manager the long-lived manager the queue lives on
     * @param capacity {@code K}, the number of keys kept
     * @param dim {@code D}, the key width
     */
    public NegativeQueue(NDManager manager, int capacity, int dim) {
        if (capacity < 1 || dim < 1) {
            throw new IllegalArgumentException("queue capacity and width must be >= 1: " + capacity + ", " + dim);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray raw = scope.randomNormal(new Shape(dim, capacity)); // (D, K)
            this.keys = Tensors.l2Normalize(raw, 0); // (D, K), unit columns
            this.keys.attach(manager);
        }
        this.capacity = capacity;
    }

    /** The keys as unit columns, {@code (D, K)}; a live array: use it before the next {@link #enqueue}. */
    public NDArray keys() {
        return keys;
    }

    /** {@code K}. */
    public int capacity() {
        return capacity;
    }

    /** Index of the oldest entry, where the next key is written (saved with checkpoints). */
    public long pointer() {
        return pointer;
    }

    /** Restores the write position from a checkpoint. */
    public void setPointer(long pointer) {
        if (pointer < 0 || pointer >= capacity) {
            throw new IllegalArgumentException("queue pointer must be in [0, " + capacity + "): " + pointer);
        }
        this.pointer = pointer;
    }

    /**
     * Replaces the oldest {@code B} keys with {@code batch}, which must not require gradients.
     *
     * @param batch new unit keys {@code (B, D)} with {@code B <= K}
     */
    public void enqueue(NDArray batch) {
        Tensors.checkRank(batch, 2, "keys");
        long b = batch.getShape().get(0);
        if (b > capacity || batch.getShape().get(1) != keys.getShape().get(0)) {
            throw new IllegalArgumentException("cannot enqueue keys of shape " + batch.getShape() + " into a queue of "
                    + keys.getShape());
        }
        NDArray columns = batch.transpose(); // (D, B)
        long first = Math.min(b, capacity - pointer);
        keys.set(new NDIndex(":, {}:{}", pointer, pointer + first), columns.get(":, 0:{}", first));
        if (first < b) {
            keys.set(new NDIndex(":, 0:{}", b - first), columns.get(":, {}:", first));
        }
        pointer = (pointer + b) % capacity;
    }
}
