package org.ssl4j.core.method;

import ai.djl.ndarray.NDList;

/**
 * One training step's input: the augmented views of the same samples, each {@code (B, C, H, W)} and attached to the
 * step's manager, plus the samples' labels where the dataset has them (for online probes, and for the loss of the
 * supervised reference alone; never for a self-supervised loss).
 *
 * @param views one array per view; all of the same shape
 * @param labels labels of the {@code B} samples, or {@code null} for unlabelled data
 * @param seed seeds the method's own randomness in this step (a function of the run seed and the step, so a resumed
 *     run replays it)
 * @param indices the samples' indices in the training dataset, or {@code null} where no dataset is behind the batch
 *     (methods that keep per-sample state, such as XDC's pseudo-labels, read them)
 */
public record Batch(NDList views, int[] labels, long seed, int[] indices) {
    /** A batch of samples of no dataset. */
    public Batch(NDList views, int[] labels, long seed) {
        this(views, labels, seed, null);
    }

    /** The number of samples {@code B}. */
    public int size() {
        return Math.toIntExact(views.get(0).getShape().get(0));
    }
}
