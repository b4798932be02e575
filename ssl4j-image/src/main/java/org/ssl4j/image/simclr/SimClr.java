package org.ssl4j.image.simclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import java.util.function.Supplier;
import org.ssl4j.core.head.ProjectionHead;
import org.ssl4j.core.loss.NtXentLoss;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.ParameterLists;

/**
 * SimCLR (Chen, Kornblith, Norouzi, Hinton 2020): two augmented views of each image pass through the same encoder
 * {@code f} and projection head {@code g}; NT-Xent (eq. 1) pulls each pair together against the other {@code 2N - 2}
 * views of the batch. Both views go through one forward pass, so batch norm sees all {@code 2N} views (the
 * single-device form of SimCLR's global BN).
 */
public final class SimClr implements Method {
    private final Backbone encoder;
    private final ProjectionHead head;
    private final NtXentLoss loss;
    private ParameterStore store;
    private NDArray probeFeatures;

    /** Wires the method from its settings around one backbone from {@code backbones}. */
    public SimClr(SimClrConfig config, Supplier<Backbone> backbones) {
        this.encoder = backbones.get();
        int hidden = config.projectionHidden() == null ? encoder.numFeatures() : config.projectionHidden();
        this.head = ProjectionHead.simclr(hidden, config.projectionDim());
        this.loss = new NtXentLoss(config.temperature().floatValue());
    }

    @Override
    public String name() {
        return "simclr";
    }

    @Override
    public Backbone encoder() {
        return encoder;
    }

    @Override
    public void initialize(NDManager manager, Shape viewShape) {
        encoder.initialize(manager, DataType.FLOAT32, viewShape);
        head.initialize(manager, DataType.FLOAT32, new Shape(viewShape.get(0), encoder.numFeatures()));
        store = new ParameterStore(manager, false);
    }

    @Override
    public PairList<String, Parameter> parameters() {
        PairList<String, Parameter> out = new PairList<>();
        ParameterLists.add(out, "encoder.", encoder, true);
        ParameterLists.add(out, "head.", head, true);
        return out;
    }

    @Override
    public Map<String, NDArray> stateArrays() {
        Map<String, NDArray> out = ParameterLists.newArrayMap();
        ParameterLists.arrays(out, "encoder.", encoder);
        return ParameterLists.arrays(out, "head.", head);
    }

    @Override
    public NDArray probeFeatures() {
        return probeFeatures;
    }

    @Override
    public NDArray loss(Batch batch, NDManager step) {
        int n = batch.size();
        NDArray views = batch.views().get(0).concat(batch.views().get(1), 0); // (2N, C, H, W)
        NDArray h = encoder.forward(store, new NDList(views), true).singletonOrThrow(); // (2N, D)
        probeFeatures = h.get(new NDIndex("0:{}", n)).stopGradient(); // (N, D), the first views
        NDArray z = head.forward(store, new NDList(h), true).singletonOrThrow(); // (2N, out)
        return loss.compute(z.get(new NDIndex("0:{}", n)), z.get(new NDIndex("{}:", n))); // (N, out) each
    }
}
