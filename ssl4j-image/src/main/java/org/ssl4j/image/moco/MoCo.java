package org.ssl4j.image.moco;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.Supplier;
import org.ssl4j.core.loss.InfoNceLoss;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.momentum.MomentumQueueMethod;
import org.ssl4j.core.nn.Backbone;

/**
 * MoCo v2 (He et al. 2020, "Momentum Contrast"; Chen et al. 2020, "Improved baselines"): a query encoder and MLP head
 * trained by InfoNCE (MoCo eq. 1) against the key of the other view, produced by a momentum copy of both (eq. 2), and
 * against a queue of earlier keys. After each optimiser step the key networks follow the query networks and the
 * step's keys replace the oldest in the queue.
 *
 * <p>The momentum update runs after the optimiser step rather than at the start of the next forward as in the
 * official code; the key encoder sees the same weights either way (the first update of the official code is a no-op
 * on identical copies).
 */
public final class MoCo extends MomentumQueueMethod {
    private final MoCoConfig config;
    private final InfoNceLoss loss;

    /** Wires the method from its settings around two backbones from {@code backbones}: query and key. */
    public MoCo(MoCoConfig config, Supplier<Backbone> backbones) {
        super(backbones, config.projectionHidden(), config.projectionDim(), config.queueSize(), config.momentum(),
                config.momentumSchedule().equals("cosine"), config.shuffleKeys());
        this.config = config;
        this.loss = new InfoNceLoss(config.temperature().floatValue());
    }

    @Override
    public String name() {
        return "moco";
    }

    @Override
    protected long keysPerStep(long batch) {
        return config.symmetric() ? 2 * batch : batch;
    }

    @Override
    public NDArray loss(Batch batch, NDManager step) {
        NDArray x1 = batch.views().get(0); // (N, C, H, W)
        NDArray x2 = batch.views().get(1); // (N, C, H, W)
        NDArray k2 = keys(x2, batch.seed()); // (N, D)
        NDArray h1 = encode(x1); // (N, F)
        probe(h1);
        NDArray value = loss.compute(project(h1), k2, queuedKeys());
        if (!config.symmetric()) {
            enqueueAfterStep(k2);
            return value;
        }
        NDArray k1 = keys(x1, batch.seed() + 1); // (N, D)
        enqueueAfterStep(k1.concat(k2, 0)); // (2N, D), enqueued in this order as the official code
        return value.add(loss.compute(project(encode(x2)), k1, queuedKeys()));
    }
}
