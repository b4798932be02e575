package org.ssl4j.video.method.dsm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.Supplier;
import org.ssl4j.core.loss.InfoNceLoss;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.momentum.MomentumQueueMethod;
import org.ssl4j.core.nn.Backbone;

/**
 * DSM, decoupling the scene and the motion (Wang et al. 2021, eq. 3 with the official code's memory): on the
 * {@link DsmViews} triplet, the query is the anchor clip through the encoder and head, the key its spatially disturbed
 * copy through their momentum copies, and the negatives are the queue of earlier keys plus the sample's own temporally
 * disturbed copy through the query encoder (with gradient, as the official code):
 *
 * <pre>
 *   L = -log( exp(q.k+ / tau) / (exp(q.k+ / tau) + exp(q.n / tau) + sum_{k- in queue} exp(q.k- / tau)) )
 * </pre>
 *
 * The anchor and its positive share the motion and differ in the scene's appearance; the anchor and its negative
 * share the scene and differ in the motion. After each step the key networks follow the query networks and the keys
 * are enqueued, as in MoCo.
 */
public final class Dsm extends MomentumQueueMethod {
    private final InfoNceLoss loss;

    /** Wires the method from its settings around two backbones from {@code backbones}: query and key. */
    public Dsm(DsmConfig config, Supplier<Backbone> backbones) {
        super(backbones, config.projectionHidden(), config.projectionDim(), config.queueSize(), config.momentum(),
                false, config.shuffleKeys());
        this.loss = new InfoNceLoss(config.temperature().floatValue());
    }

    @Override
    public String name() {
        return "dsm";
    }

    @Override
    public NDArray loss(Batch batch, NDManager step) {
        Triplet views = Triplet.of(batch);
        NDArray k = keys(views.positive(), batch.seed()); // (N, D)
        NDArray h = encode(views.anchor()); // (N, F)
        probe(h);
        NDArray n = project(encode(views.negative())); // (N, D)
        enqueueAfterStep(k);
        return loss.compute(project(h), k, n, queuedKeys());
    }
}
