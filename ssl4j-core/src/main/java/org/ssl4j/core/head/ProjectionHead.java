package org.ssl4j.core.head;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.List;

/**
 * A projection head {@code g(.)} mapping backbone features {@code (B, D)} to the space where a contrastive loss is
 * applied {@code (B, out)}, built from a list of {@link HeadLayer}s. Methods use presets such as {@link #simclr}.
 */
public final class ProjectionHead extends AbstractBlock {
    private static final byte VERSION = 1;

    private final List<HeadLayer> layers;
    private final SequentialBlock net;

    /**
     * @param layers the layers in order; at least one
     */
    public ProjectionHead(List<HeadLayer> layers) {
        super(VERSION);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a projection head needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        SequentialBlock block = new SequentialBlock();
        for (HeadLayer layer : this.layers) {
            if (layer instanceof HeadLayer.Linear linear) {
                block.add(Linear.builder().setUnits(linear.units()).optBias(linear.bias()).build());
            } else if (layer instanceof HeadLayer.BatchNorm) {
                block.add(BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build());
            } else {
                block.add(Activation.reluBlock());
            }
        }
        this.net = addChildBlock("layers", block);
    }

    /**
     * The hidden width of a head: {@code configured} ({@code method.projectionHidden}), or else the width of the
     * features it reads, as the SimCLR and MoCo papers' heads.
     */
    public static int hiddenWidth(Integer configured, int features) {
        return configured == null ? features : configured;
    }

    /**
     * The SimCLR head (Chen et al. 2020, section 2.1 and appendix B.9): Linear(hidden) - BN - ReLU - Linear(out),
     * the first linear without bias since BN follows it.
     */
    public static ProjectionHead simclr(int hidden, int out) {
        return new ProjectionHead(List.of(
                new HeadLayer.Linear(hidden, false),
                new HeadLayer.BatchNorm(),
                new HeadLayer.Relu(),
                new HeadLayer.Linear(out, true)));
    }

    /**
     * The MoCo v2 head (Chen, Fan, Girshick, He 2020, "Improved baselines", section 2): Linear(hidden) - ReLU -
     * Linear(out), without batch norm, as {@code --mlp} in the official code.
     */
    public static ProjectionHead mocoV2(int hidden, int out) {
        return new ProjectionHead(List.of(new HeadLayer.Linear(hidden, true), new HeadLayer.Relu(),
                new HeadLayer.Linear(out, true)));
    }

    /**
     * The heads of context and motion decoupling (Huang et al. 2021; the authors' {@code pretrain.py}, which builds all
     * four as 1x1 convolutions over the cells): Linear(hidden) - BN - ReLU - Linear(out, no bias) - BN. The batch norm
     * on the output centres each embedding dimension over the batch's rows (videos, or videos x cells) before the
     * InfoNCE normalises them.
     */
    public static ProjectionHead cmd(int hidden, int out) {
        return new ProjectionHead(List.of(
                new HeadLayer.Linear(hidden, true),
                new HeadLayer.BatchNorm(),
                new HeadLayer.Relu(),
                new HeadLayer.Linear(out, false),
                new HeadLayer.BatchNorm()));
    }

    /** The layers this head was built from. */
    public List<HeadLayer> layers() {
        return layers;
    }

    /**
     * A new, uninitialised head of this head's layers up to and including its {@code hidden}-th ReLU: with the encoder
     * under it, the network SimCLRv2 (Chen et al. 2020b, section 2) fine-tunes from ("the middle layer of the
     * projection head"). {@link #copyFrontTo} gives it this head's weights.
     *
     * @param hidden hidden layers to keep, 1 to the number of ReLUs in this head
     */
    public ProjectionHead front(int hidden) {
        int relus = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof HeadLayer.Relu && ++relus == hidden) {
                return new ProjectionHead(layers.subList(0, i + 1));
            }
        }
        throw new IllegalArgumentException("the head " + layers + " has " + relus + " hidden layers, not " + hidden);
    }

    /** The number of hidden layers (ReLUs) in this head: the most {@link #front} can keep. */
    public int hiddenLayers() {
        return (int) layers.stream().filter(l -> l instanceof HeadLayer.Relu).count();
    }

    /** The width of this head's output: the units of its last linear layer. */
    public int outputWidth() {
        int width = -1;
        for (HeadLayer layer : layers) {
            width = layer instanceof HeadLayer.Linear linear ? linear.units() : width;
        }
        return width;
    }

    /**
     * Copies this head's parameters and batch-norm statistics into {@code front}, an initialised head made by
     * {@link #front} from a head of the same layers.
     */
    public void copyFrontTo(ProjectionHead front) {
        if (!layers.subList(0, Math.min(front.layers.size(), layers.size())).equals(front.layers)) {
            throw new IllegalArgumentException("the head " + front.layers + " is not a front of " + layers);
        }
        PairList<String, Parameter> source = getParameters();
        for (Pair<String, Parameter> p : front.getParameters()) {
            source.get(p.getKey()).getArray().copyTo(p.getValue().getArray());
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return net.forward(parameterStore, inputs, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return net.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        net.initialize(manager, dataType, inputShapes);
    }
}
