package org.ssl4j.image.simclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.function.Supplier;
import org.ssl4j.core.head.ProjectionHead;
import org.ssl4j.core.loss.NtXentLoss;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.method.EncoderHeadMethod;
import org.ssl4j.core.nn.Backbone;

/**
 * SimCLR (Chen, Kornblith, Norouzi, Hinton 2020): two augmented views of each image pass through the same encoder
 * {@code f} and projection head {@code g}; NT-Xent (eq. 1) pulls each pair together against the other {@code 2N - 2}
 * views of the batch. Both views go through one forward pass, so batch norm sees all {@code 2N} views (the
 * single-device form of SimCLR's global BN).
 */
public final class SimClr extends EncoderHeadMethod {
    private final NtXentLoss loss;

    /** Wires the method from its settings around one backbone from {@code backbones}. */
    public SimClr(SimClrConfig config, Supplier<Backbone> backbones) {
        this(config, backbones.get());
    }

    private SimClr(SimClrConfig config, Backbone encoder) {
        super(encoder, ProjectionHead.simclr(
                ProjectionHead.hiddenWidth(config.projectionHidden(), encoder.numFeatures()),
                config.projectionDim()), "head.");
        this.loss = new NtXentLoss(config.temperature().floatValue());
    }

    @Override
    public String name() {
        return "simclr";
    }

    @Override
    public NDArray loss(Batch batch, NDManager step) {
        int n = batch.size();
        NDArray views = batch.views().get(0).concat(batch.views().get(1), 0); // (2N, C, H, W)
        NDArray h = encode(views, n); // (2N, D); the first views feed the online probe
        NDArray z = head(h); // (2N, out)
        return loss.compute(z.get(new NDIndex("0:{}", n)), z.get(new NDIndex("{}:", n))); // (N, out) each
    }
}
