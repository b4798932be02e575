package org.ssl4j.video.method.dsm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.Supplier;
import org.ssl4j.core.head.ProjectionHead;
import org.ssl4j.core.loss.TripletMarginLoss;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.method.EncoderHeadMethod;
import org.ssl4j.core.nn.Backbone;

/**
 * DSM's triplet-margin variant (Wang et al. 2021; the official code's {@code dsm_triplet}): the anchor, positive and
 * negative of the {@link DsmViews} triplet all go through one encoder and head, and the loss is the
 * {@link TripletMarginLoss} of each anchor with its positive and its own negative, plus the same with the negative of
 * another sample (the batch reversed, the official code's inter-video term). No momentum encoder, no queue.
 */
public final class DsmTriplet extends EncoderHeadMethod {
    private final TripletMarginLoss loss;

    /** Wires an encoder from {@code backbones} and an MLP head. */
    public DsmTriplet(DsmConfig config, Supplier<Backbone> backbones) {
        this(config, backbones.get());
    }

    private DsmTriplet(DsmConfig config, Backbone encoder) {
        super(encoder, ProjectionHead.mocoV2(
                ProjectionHead.hiddenWidth(config.projectionHidden(), encoder.numFeatures()), config.projectionDim()),
                "head.");
        this.loss = new TripletMarginLoss(config.margin().floatValue());
    }

    @Override
    public String name() {
        return "dsm";
    }

    @Override
    public NDArray loss(Batch batch, NDManager step) {
        Triplet views = Triplet.of(batch);
        NDArray p = head(encode(views.positive(), 0)); // (N, D)
        NDArray n = head(encode(views.negative(), 0)); // (N, D)
        NDArray q = head(encode(views.anchor(), batch.size())); // (N, D); the anchors feed the probe
        return loss.compute(q, p, n).add(loss.compute(q, p, n.flip(0)));
    }
}
