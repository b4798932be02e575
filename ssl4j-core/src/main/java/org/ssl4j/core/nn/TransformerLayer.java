package org.ssl4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.PointwiseFeedForwardBlock;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * One layer of the transformer of Vaswani et al. 2017 (section 3.1, post-norm): multi-head self-attention, then, in
 * a decoder layer, multi-head attention from the queries to an encoder's output (the memory), then a two-layer
 * feed-forward block; each sub-layer is {@code LayerNorm(x + sublayer(x))}. Input {@code (B, T, width)}, plus the
 * memory {@code (B, F, width)} in a decoder layer; output {@code (B, T, width)}. No dropout, so that a seed replays
 * a run.
 *
 * <p>Composed of DJL's attention and feed-forward blocks. DJL's own {@code TransformerEncoderBlock} is not used: it
 * normalises with batch norm over the batch rather than the transformer's per-token layer norm, and DJL has no
 * decoder layer.
 */
public final class TransformerLayer extends AbstractBlock {
    private final ScaledDotProductAttentionBlock selfAttention;
    private final LayerNorm selfNorm;
    private final ScaledDotProductAttentionBlock crossAttention;
    private final LayerNorm crossNorm;
    private final PointwiseFeedForwardBlock feedForward;
    private final LayerNorm feedForwardNorm;

    /**
     * @param width the token width
     * @param heads attention heads, dividing {@code width}
     * @param hidden the feed-forward block's hidden width
     * @param decoder whether the layer attends to a memory after its self-attention
     */
    public TransformerLayer(int width, int heads, int hidden, boolean decoder) {
        selfAttention = addChildBlock("selfAttention", attention(width, heads));
        selfNorm = addChildBlock("selfNorm", LayerNorm.builder().axis(2).build());
        crossAttention = decoder ? addChildBlock("crossAttention", attention(width, heads)) : null;
        crossNorm = decoder ? addChildBlock("crossNorm", LayerNorm.builder().axis(2).build()) : null;
        feedForward = addChildBlock("feedForward", new PointwiseFeedForwardBlock(List.of(hidden), width,
                Activation::relu));
        feedForwardNorm = addChildBlock("feedForwardNorm", LayerNorm.builder().axis(2).build());
    }

    private static ScaledDotProductAttentionBlock attention(int width, int heads) {
        return ScaledDotProductAttentionBlock.builder().setEmbeddingSize(width).setHeadCount(heads)
                .optAttentionProbsDropoutProb(0f).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        x = norm(selfNorm, store, x.add(selfAttention.forward(store, new NDList(x), training).head()), training);
        if (crossAttention != null) {
            NDArray memory = inputs.get(1); // keys and values; the tokens are the queries
            NDArray attended = crossAttention.forward(store, new NDList(memory, x, memory), training).head();
            x = norm(crossNorm, store, x.add(attended), training);
        }
        NDArray fed = feedForward.forward(store, new NDList(x), training).head();
        return new NDList(norm(feedForwardNorm, store, x.add(fed), training));
    }

    private static NDArray norm(LayerNorm norm, ParameterStore store, NDArray x, boolean training) {
        return norm.forward(store, new NDList(x), training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = inputShapes[0];
        selfAttention.initialize(manager, dataType, tokens);
        selfNorm.initialize(manager, dataType, tokens);
        if (crossAttention != null) {
            crossAttention.initialize(manager, dataType, inputShapes[1], tokens, inputShapes[1]);
            crossNorm.initialize(manager, dataType, tokens);
        }
        feedForward.initialize(manager, dataType, tokens);
        feedForwardNorm.initialize(manager, dataType, tokens);
    }
}
