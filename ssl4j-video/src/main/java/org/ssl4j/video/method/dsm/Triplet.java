package org.ssl4j.video.method.dsm;

import ai.djl.ndarray.NDArray;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.method.Batch;

/**
 * The three views {@link DsmViews} makes, as a training step receives them, each {@code (N, 3, T, H, W)}.
 *
 * @param anchor the clips
 * @param positive their spatially disturbed copies (scene broken, motion kept)
 * @param negative their temporally disturbed copies (scene kept, motion broken)
 */
record Triplet(NDArray anchor, NDArray positive, NDArray negative) {
    /** The triplet of {@code batch}, which must hold DSM's three views. */
    static Triplet of(Batch batch) {
        Ssl4jException.check(batch.views().size() == 3, "DSM needs the anchor, positive and negative views, got %d",
                batch.views().size());
        return new Triplet(batch.views().get(0), batch.views().get(1), batch.views().get(2));
    }
}
