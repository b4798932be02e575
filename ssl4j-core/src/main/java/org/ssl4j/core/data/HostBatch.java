package org.ssl4j.core.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.tensor.Tensors;

/**
 * A batch prepared on the Java heap by a loader thread: each view's floats for all samples, ready to be copied to the
 * engine in one call per view.
 *
 * @param step the training step this batch belongs to
 * @param views one flat array per view, {@code B * prod(viewShape)} floats each
 * @param viewShape the shape of one view, {@code (C, H, W)}
 * @param labels labels of the samples, or {@code null}
 */
public record HostBatch(long step, long methodSeed, float[][] views, int[] viewShape, int[] labels) {
    /** Batch size. */
    public int size() {
        int per = 1;
        for (int d : viewShape) {
            per *= d;
        }
        return views[0].length / per;
    }

    /** Copies the views into {@code manager} as {@code (B, C, H, W)} arrays. */
    public Batch toBatch(NDManager manager) {
        Shape shape = Tensors.batchShape(size(), viewShape);
        NDList list = new NDList(views.length);
        for (float[] view : views) {
            list.add(Tensors.fromHeap(manager, view, shape));
        }
        return new Batch(list, labels, methodSeed);
    }
}
