package org.ssl4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * A {@link Backbone} whose layers are one {@link SequentialBlock} ending in global average pooling and a flatten; the
 * concrete networks ({@link ResNet}, {@link SmallConvNet}, the video module's 3D ResNets) only build the layer list. The dense feature map is the
 * output of every layer but those two (the saved parameter layout is unchanged by it).
 */
public abstract class SequentialBackbone extends AbstractBlock implements Backbone {
    private static final byte VERSION = 1;
    /** The trailing global average pooling and flatten. */
    private static final int POOLING_LAYERS = 2;

    private final SequentialBlock layers;
    private final int numFeatures;

    /**
     * @param layers the network, ending in global average pooling and a flatten
     * @param numFeatures the width of the pooled features
     */
    protected SequentialBackbone(SequentialBlock layers, int numFeatures) {
        super(VERSION);
        this.layers = addChildBlock("layers", layers);
        this.numFeatures = numFeatures;
    }

    @Override
    public final int numFeatures() {
        return numFeatures;
    }

    @Override
    public final NDArray denseFeatures(ParameterStore parameterStore, NDArray input, boolean training) {
        NDList x = new NDList(input);
        List<Block> children = layers.getChildren().values();
        for (Block layer : children.subList(0, children.size() - POOLING_LAYERS)) {
            x = layer.forward(parameterStore, x, training);
        }
        return x.singletonOrThrow(); // (B, D, h, w), or (B, D, t, h, w) for video
    }

    @Override
    protected final NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return layers.forward(parameterStore, inputs, training, params);
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return layers.getOutputShapes(inputShapes);
    }

    @Override
    protected final void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        layers.initialize(manager, dataType, inputShapes);
    }
}
