package org.ssl4j.core.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The DenseCL neck (Wang et al. 2021, "Dense Contrastive Learning", section 3.2 and figure 2): two projection branches
 * on a backbone's feature map {@code (B, C, h, w)}. The global branch average-pools the map and applies fc - ReLU - fc
 * (the MoCo v2 head); the dense branch applies 1x1 conv - ReLU - 1x1 conv and keeps the {@code S = h * w} grid.
 *
 * <p>{@link #forward} returns three arrays, as the official neck: the global projection {@code (B, D)}, the dense grid
 * {@code (B, D, S)}, and the grid's spatial mean {@code (B, D)} (what DenseCL enqueues as dense negatives).
 */
public final class DenseClNeck extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int outputs;
    private final ProjectionHead global;
    private final SequentialBlock dense;

    /**
     * @param hidden hidden width of both branches (the official code: the backbone's channel count)
     * @param out output width {@code D} of both branches
     */
    public DenseClNeck(int hidden, int out) {
        super(VERSION);
        this.outputs = out;
        this.global = addChildBlock("global", ProjectionHead.mocoV2(hidden, out));
        this.dense = addChildBlock("dense", new SequentialBlock()
                .add(conv1x1(hidden))
                .add(Activation.reluBlock())
                .add(conv1x1(out)));
    }

    private static Conv2d conv1x1(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(1, 1)).build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray map = inputs.singletonOrThrow(); // (B, C, h, w)
        Shape shape = map.getShape();
        NDArray pooled = map.reshape(shape.get(0), shape.get(1), -1).mean(new int[] {2}); // (B, C)
        NDArray projected = global.forward(parameterStore, new NDList(pooled), training).singletonOrThrow(); // (B, D)
        NDArray grid = dense.forward(parameterStore, new NDList(map), training).singletonOrThrow()
                .reshape(shape.get(0), outputs, shape.get(2) * shape.get(3)); // (B, D, S)
        return new NDList(projected, grid, grid.mean(new int[] {2})); // (B, D), (B, D, S), (B, D)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        Shape vector = new Shape(in.get(0), outputs);
        return new Shape[] {vector, new Shape(in.get(0), outputs, in.get(2) * in.get(3)), vector};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        global.initialize(manager, dataType, new Shape(in.get(0), in.get(1)));
        dense.initialize(manager, dataType, in);
    }
}
