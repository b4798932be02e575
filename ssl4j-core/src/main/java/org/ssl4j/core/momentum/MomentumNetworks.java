package org.ssl4j.core.momentum;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.ParameterLists;

/**
 * The query networks of a momentum-contrast method (a backbone and a projection block) and their momentum copies,
 * the key networks (MoCo eq. 2): initialised as exact copies, never trained by gradient, and moved towards the query
 * networks after each optimiser step. MoCo's head and DenseCL's neck are the projection block. Checkpoint names are
 * {@code encoder.}, {@code <head>.}, {@code keyEncoder.} and {@code key<Head>.}, after a prefix when a method has
 * more than one set (MoDist's motion pathway: {@code motion.encoder.}, ...).
 */
public final class MomentumNetworks {
    private final Backbone encoder;
    private final Backbone keyEncoder;
    private final Block head;
    private final Block keyHead;
    private final String prefix;
    private final String headName;
    private final String keyHeadName;
    private EmaUpdater encoderEma;
    private EmaUpdater headEma;

    /**
     * @param backbones makes the query and the key backbone
     * @param heads makes the projection block of a backbone (for the query and the key backbone)
     * @param headName the projection block's name in parameter and checkpoint names, e.g. {@code head}
     */
    public MomentumNetworks(Supplier<Backbone> backbones, Function<Backbone, ? extends Block> heads,
            String headName) {
        this("", backbones, heads, headName);
    }

    /**
     * @param prefix put before every parameter and checkpoint name, e.g. {@code motion.}
     * @param backbones makes the query and the key backbone
     * @param heads makes the projection block of a backbone (for the query and the key backbone)
     * @param headName the projection block's name in parameter and checkpoint names, e.g. {@code head}
     */
    public MomentumNetworks(String prefix, Supplier<Backbone> backbones, Function<Backbone, ? extends Block> heads,
            String headName) {
        this.prefix = prefix;
        this.encoder = backbones.get();
        this.keyEncoder = backbones.get();
        this.head = heads.apply(encoder);
        this.keyHead = heads.apply(keyEncoder);
        this.headName = headName + ".";
        this.keyHeadName = "key" + Character.toUpperCase(headName.charAt(0)) + headName.substring(1) + ".";
    }

    /**
     * Initialises the four networks and makes the key networks copies of the query ones.
     *
     * @param viewShape the backbone's input {@code (B, C, H, W)}
     * @param headInput the projection block's input shape, given the initialised query backbone
     */
    public void initialize(NDManager manager, Shape viewShape, Function<Backbone, Shape> headInput) {
        encoder.initialize(manager, DataType.FLOAT32, viewShape);
        keyEncoder.initialize(manager, DataType.FLOAT32, viewShape);
        Shape input = headInput.apply(encoder);
        head.initialize(manager, DataType.FLOAT32, input);
        keyHead.initialize(manager, DataType.FLOAT32, input);
        encoderEma = new EmaUpdater(encoder, keyEncoder);
        headEma = new EmaUpdater(head, keyHead);
        encoderEma.copy();
        headEma.copy();
    }

    /** The query backbone. */
    public Backbone encoder() {
        return encoder;
    }

    /** The key backbone. */
    public Backbone keyEncoder() {
        return keyEncoder;
    }

    /** The query projection block. */
    public Block head() {
        return head;
    }

    /** The key projection block. */
    public Block keyHead() {
        return keyHead;
    }

    /** The trained parameters: query backbone and projection block. */
    public PairList<String, Parameter> parameters() {
        PairList<String, Parameter> out = new PairList<>();
        ParameterLists.add(out, prefix + "encoder.", encoder, true);
        ParameterLists.add(out, prefix + headName, head, true);
        return out;
    }

    /** Every parameter of the key networks (momentum copies and their batch-norm statistics). */
    public PairList<String, Parameter> keyParameters() {
        PairList<String, Parameter> out = new PairList<>();
        ParameterLists.add(out, prefix + "keyEncoder.", keyEncoder, false);
        ParameterLists.add(out, prefix + keyHeadName, keyHead, false);
        return out;
    }

    /** Every array of the four networks, by checkpoint name, into a new ordered map. */
    public Map<String, NDArray> stateArrays() {
        Map<String, NDArray> out = ParameterLists.newArrayMap();
        ParameterLists.arrays(out, prefix + "encoder.", encoder);
        ParameterLists.arrays(out, prefix + headName, head);
        ParameterLists.arrays(out, prefix + "keyEncoder.", keyEncoder);
        ParameterLists.arrays(out, prefix + keyHeadName, keyHead);
        return out;
    }

    /** One momentum update of both key networks with {@code m}. */
    public void update(float momentum) {
        encoderEma.update(momentum);
        headEma.update(momentum);
    }
}
