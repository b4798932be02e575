package org.ssl4j.video.method.cmd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.ssl4j.core.nn.TransformerLayer;

/**
 * Motion prediction's encoder-decoder (Huang et al. 2021): the RGB clip's feature map, one token per
 * cell {@code (B, N, C)}, is projected to the transformer's width, given a learned position embedding and encoded
 * by {@code depth} self-attention layers; {@code depth} decoder layers then turn one learned query per cell of the
 * future motion-vector feature map into its prediction {@code (B, M, width)}, attending to the encoded clip. The
 * queries are the cells' positions, so the prediction of a cell may draw on any part of the clip.
 */
public final class MotionPredictor extends AbstractBlock {
    private final int width;
    private final Linear project;
    private final Parameter positions;
    private final Parameter queries;
    private final List<TransformerLayer> encoder = new ArrayList<>();
    private final List<TransformerLayer> decoder = new ArrayList<>();

    /**
     * @param tokens cells {@code N} of the clip's feature map
     * @param targets cells {@code M} of the motion-vector feature map
     * @param width the transformer's token width
     * @param heads attention heads, dividing {@code width}
     * @param depth layers of the encoder, and of the decoder
     */
    public MotionPredictor(int tokens, int targets, int width, int heads, int depth) {
        this.width = width;
        project = addChildBlock("project", Linear.builder().setUnits(width).build());
        positions = addParameter(Parameter.builder().setName("positions").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, tokens, width)).optInitializer(new NormalInitializer(0.02f)).build());
        queries = addParameter(Parameter.builder().setName("queries").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, targets, width)).optInitializer(new NormalInitializer(0.02f)).build());
        for (int i = 0; i < depth; i++) {
            encoder.add(addChildBlock("encoder" + i, new TransformerLayer(width, heads, 4 * width, false)));
        }
        for (int i = 0; i < depth; i++) {
            decoder.add(addChildBlock("decoder" + i, new TransformerLayer(width, heads, 4 * width, true)));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray tokens = inputs.head(); // (B, N, C)
        long batch = tokens.getShape().get(0);
        NDArray x = project.forward(store, new NDList(tokens), training).head()
                .add(store.getValue(positions, tokens.getDevice(), training));
        for (TransformerLayer layer : encoder) {
            x = layer.forward(store, new NDList(x), training).head();
        }
        NDArray q = store.getValue(queries, tokens.getDevice(), training);
        NDArray y = q.broadcast(new Shape(batch, q.getShape().get(1), width));
        y.attach(tokens.getManager()); // a result joins its first operand's manager: the model's, not the step's
        for (TransformerLayer layer : decoder) {
            y = layer.forward(store, new NDList(y, x), training).head();
        }
        return new NDList(y); // (B, M, width)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), queries.getShape().get(1), width)};
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        project.initialize(manager, dataType, in);
        Shape memory = new Shape(in.get(0), in.get(1), width);
        for (TransformerLayer layer : encoder) {
            layer.initialize(manager, dataType, memory);
        }
        Shape targets = new Shape(in.get(0), queries.getShape().get(1), width);
        for (TransformerLayer layer : decoder) {
            layer.initialize(manager, dataType, targets, memory);
        }
    }
}
