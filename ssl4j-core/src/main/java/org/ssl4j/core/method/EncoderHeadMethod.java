package org.ssl4j.core.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.ParameterLists;

/**
 * The wiring of a method that is one encoder and one head on its pooled features, all trained (SimCLR's encoder and
 * projection head, the supervised reference's encoder and classifier): initialisation, parameters and checkpoint
 * state under stable names ({@code encoder.*} and the head's prefix), and the online probe's features. Subclasses
 * give the loss.
 */
public abstract class EncoderHeadMethod implements Method {
    private final Backbone encoder;
    private final Block head;
    private final String headPrefix;
    private ParameterStore store;
    private NDArray probeFeatures;

    /**
     * @param encoder the backbone that is evaluated and exported
     * @param head the block on the encoder's {@code (B, D)} features
     * @param headPrefix the head's parameter names' prefix, e.g. {@code head.}
     */
    protected EncoderHeadMethod(Backbone encoder, Block head, String headPrefix) {
        this.encoder = encoder;
        this.head = head;
        this.headPrefix = headPrefix;
    }

    @Override
    public final Backbone encoder() {
        return encoder;
    }

    @Override
    public final void initialize(NDManager manager, Shape viewShape) {
        encoder.initialize(manager, DataType.FLOAT32, viewShape);
        head.initialize(manager, DataType.FLOAT32, new Shape(viewShape.get(0), encoder.numFeatures()));
        store = new ParameterStore(manager, false);
    }

    @Override
    public final PairList<String, Parameter> parameters() {
        PairList<String, Parameter> out = new PairList<>();
        ParameterLists.add(out, "encoder.", encoder, true);
        ParameterLists.add(out, headPrefix, head, true);
        return out;
    }

    /** The head on the encoder's features. */
    public final Block head() {
        return head;
    }

    @Override
    public final Map<String, NDArray> stateArrays() {
        Map<String, NDArray> out = ParameterLists.newArrayMap();
        ParameterLists.arrays(out, "encoder.", encoder);
        return ParameterLists.arrays(out, headPrefix, head);
    }

    @Override
    public final NDArray probeFeatures() {
        return probeFeatures;
    }

    /**
     * The encoder's features of {@code views} in training mode, {@code (N, D)}; the first {@code probed} rows are kept,
     * detached, for the online probe.
     */
    protected final NDArray encode(NDArray views, int probed) {
        NDArray h = encoder.forward(store, new NDList(views), true).singletonOrThrow(); // (N, D)
        probeFeatures = h.get(new NDIndex("0:{}", probed)).stopGradient(); // (probed, D)
        return h;
    }

    /** The head's output on features {@code h}, in training mode. */
    protected final NDArray head(NDArray h) {
        return head.forward(store, new NDList(h), true).singletonOrThrow();
    }
}
