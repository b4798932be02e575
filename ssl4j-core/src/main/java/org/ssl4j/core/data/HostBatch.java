package org.ssl4j.core.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.tensor.Tensors;

/**
 * A batch prepared on the Java heap by a loader thread: each view's floats for all samples, ready to be copied to the
 * engine in one call per view.
 *
 * @param step the training step this batch belongs to
 * @param views one flat array per view, {@code B * prod(viewShapes[v])} floats each
 * @param viewShapes the shape of one sample's view, per view ({@code (C, H, W)}, or {@code (C, T, H, W)} for clips)
 * @param labels labels of the samples, or {@code null}
 * @param indices the samples' indices in the dataset, or {@code null} where no dataset is behind the batch
 */
public record HostBatch(long step, long methodSeed, float[][] views, int[][] viewShapes, int[] labels,
        int[] indices) {
    /** A batch of samples of no dataset. */
    public HostBatch(long step, long methodSeed, float[][] views, int[][] viewShapes, int[] labels) {
        this(step, methodSeed, views, viewShapes, labels, null);
    }

    /** A batch of samples of no dataset whose views all have the shape {@code viewShape}. */
    public HostBatch(long step, long methodSeed, float[][] views, int[] viewShape, int[] labels) {
        this(step, methodSeed, views, sameShape(views.length, viewShape), labels, null);
    }

    private static int[][] sameShape(int views, int[] viewShape) {
        int[][] out = new int[views][];
        java.util.Arrays.fill(out, viewShape);
        return out;
    }

    /** Batch size. */
    public int size() {
        int per = 1;
        for (int d : viewShapes[0]) {
            per *= d;
        }
        return views[0].length / per;
    }

    /** Copies the views into {@code manager} as {@code (B, ...viewShapes[v])} arrays. */
    public Batch toBatch(NDManager manager) {
        int size = size();
        NDList list = new NDList(views.length);
        for (int v = 0; v < views.length; v++) {
            list.add(Tensors.fromHeap(manager, views[v], Tensors.batchShape(size, viewShapes[v])));
        }
        return new Batch(list, labels, methodSeed, indices);
    }
}
