package org.ssl4j.video.method.cmd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.head.ProjectionHead;
import org.ssl4j.core.loss.InfoNceLoss;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.nn.ParameterLists;
import org.ssl4j.core.recipe.BackboneConfig;
import org.ssl4j.core.tensor.Tensors;

/**
 * Context and motion decoupling (Huang et al. 2021, "Self-supervised video representation learning by context and
 * motion decoupling"), on the four {@link CmdViews}: the RGB clip encoder (the recipe's backbone, the one evaluated
 * and exported) learns from two tasks whose supervision comes from the compressed stream.
 *
 * <ul>
 *   <li><b>Context matching</b>: the clip's pooled features and those of its keyframe (a 2D encoder), each through
 *       its own MLP head, are matched by InfoNCE against the other videos of the batch
 *       ({@link InfoNceLoss#computeInBatch}, tau 0.1).
 *   <li><b>Motion prediction</b>: the clip's feature map goes through the {@link MotionPredictor} transformer, whose
 *       output per cell, through an MLP head, must pick out the motion-vector encoder's features (a 3D encoder on
 *       the 2-channel maps, through its own MLP head) of the same cell of the clip that follows after a gap: a
 *       pointwise InfoNCE whose negatives are the other cells and videos of the batch and every cell of a
 *       motion-vector clip from another time of the same videos.
 * </ul>
 *
 * <p>The loss is {@code contextWeight * L_context + motionWeight * L_motion}; a task of weight 0 is not built. With
 * {@code classes} set, a linear classifier's cross-entropy on the batch's labels is added with weight 1: the paper's
 * supervised training with motion prediction as an auxiliary task. Without it, no label is read.
 */
public final class Cmd implements Method {
    private final CmdConfig config;
    private final Backbone encoder;
    private final Backbone keyframeEncoder;
    private final Backbone motionEncoder;
    private final ProjectionHead clipHead;
    private final ProjectionHead keyframeHead;
    private final ProjectionHead predictionHead;
    private final ProjectionHead motionHead;
    private final Linear classifier;
    private final InfoNceLoss context;
    private final InfoNceLoss motion;
    private final SoftmaxCrossEntropyLoss crossEntropy = new SoftmaxCrossEntropyLoss("classes");
    private MotionPredictor predictor; // built by initialize, once the feature maps' sizes are known
    private ParameterStore store;
    private NDArray probeFeatures;

    /** Wires the clip encoder from {@code backbones} to the tasks {@code config} weighs above 0. */
    public Cmd(CmdConfig config, Supplier<Backbone> backbones) {
        this.config = config;
        this.encoder = backbones.get();
        int dim = config.projectionDim();
        boolean matching = config.contextWeight() > 0;
        boolean predicting = config.motionWeight() > 0;
        keyframeEncoder = matching ? Backbones.create(new BackboneConfig(config.keyframeBackbone(),
                (double) config.keyframeWidth(), "imagenet", 1)) : null;
        // The authors' heads, with batch norm (ProjectionHead.cmd), at the recipe's widths.
        clipHead = matching ? ProjectionHead.cmd(hidden(encoder.numFeatures()), dim) : null;
        keyframeHead = matching ? ProjectionHead.cmd(hidden(keyframeEncoder.numFeatures()), dim) : null;
        motionEncoder = predicting ? Backbones.create(new BackboneConfig(config.motionBackbone(),
                config.motionWidth(), null, 1)) : null;
        predictionHead = predicting ? ProjectionHead.cmd(hidden(config.width()), dim) : null;
        motionHead = predicting ? ProjectionHead.cmd(hidden(motionEncoder.numFeatures()), dim) : null;
        classifier = config.classes() == null ? null : Linear.builder().setUnits(config.classes()).build();
        context = new InfoNceLoss(config.temperature().floatValue());
        motion = new InfoNceLoss(config.motionTemperature().floatValue());
    }

    private int hidden(int features) {
        return ProjectionHead.hiddenWidth(config.projectionHidden(), features);
    }

    @Override
    public String name() {
        return "cmd";
    }

    @Override
    public Backbone encoder() {
        return encoder;
    }

    /** @param viewShape the RGB clips' batch shape {@code (B, 3, T, S, S)}; the other views' follow from it */
    @Override
    public void initialize(NDManager manager, Shape viewShape) {
        Ssl4jException.check(viewShape.dimension() == 5 && viewShape.get(1) == 3,
                "CMD trains on batches of RGB clips (B, 3, T, H, W), got %s", viewShape);
        long batch = viewShape.get(0);
        encoder.initialize(manager, DataType.FLOAT32, viewShape);
        Shape features = new Shape(batch, encoder.numFeatures());
        if (classifier != null) {
            classifier.initialize(manager, DataType.FLOAT32, features);
        }
        if (keyframeEncoder != null) {
            keyframeEncoder.initialize(manager, DataType.FLOAT32,
                    new Shape(batch, 3, viewShape.get(3), viewShape.get(4)));
            clipHead.initialize(manager, DataType.FLOAT32, features);
            keyframeHead.initialize(manager, DataType.FLOAT32, new Shape(batch, keyframeEncoder.numFeatures()));
        }
        if (motionEncoder != null) {
            Shape motionShape = Tensors.batchShape(batch, config.motionShape());
            motionEncoder.initialize(manager, DataType.FLOAT32, motionShape);
            long tokens = cells(manager, encoder, viewShape);
            long targets = cells(manager, motionEncoder, motionShape);
            predictor = new MotionPredictor((int) tokens, (int) targets, config.width(), config.heads(),
                    config.depth());
            predictor.initialize(manager, DataType.FLOAT32, new Shape(batch, tokens, encoder.numFeatures()));
            predictionHead.initialize(manager, DataType.FLOAT32, new Shape(batch * targets, config.width()));
            motionHead.initialize(manager, DataType.FLOAT32, new Shape(batch * targets,
                    motionEncoder.numFeatures()));
        }
        store = new ParameterStore(manager, false);
    }

    /** The number of cells of {@code backbone}'s feature map on inputs of {@code input}. */
    private static long cells(NDManager manager, Backbone backbone, Shape input) {
        try (NDManager probe = manager.newSubManager()) {
            Shape map = backbone.denseFeatures(new ParameterStore(probe, false), probe.zeros(input), false).getShape();
            return map.size() / (map.get(0) * map.get(1));
        }
    }

    private Map<String, Block> blocks() {
        Map<String, Block> out = new LinkedHashMap<>();
        out.put("encoder.", encoder);
        out.put("classifier.", classifier);
        out.put("keyframeEncoder.", keyframeEncoder);
        out.put("clipHead.", clipHead);
        out.put("keyframeHead.", keyframeHead);
        out.put("motionEncoder.", motionEncoder);
        out.put("predictor.", predictor);
        out.put("predictionHead.", predictionHead);
        out.put("motionHead.", motionHead);
        out.values().removeIf(java.util.Objects::isNull);
        return out;
    }

    @Override
    public PairList<String, Parameter> parameters() {
        return ParameterLists.trained(blocks());
    }

    @Override
    public Map<String, NDArray> stateArrays() {
        return ParameterLists.arrays(blocks());
    }

    @Override
    public NDArray probeFeatures() {
        return probeFeatures;
    }

    @Override
    public NDArray loss(Batch batch, NDManager step) {
        Ssl4jException.check(batch.views().size() == 4, "CMD needs 4 views (clip, keyframe, future and other-time"
                + " motion vectors), got %d", batch.views().size());
        NDArray map = encoder.denseFeatures(store, batch.views().get(0), true); // (B, C, t, h, w)
        NDArray tokens = cellsLast(map); // (B, N, C)
        NDArray pooled = tokens.mean(new int[] {1}); // (B, C), the encoder's pooled features
        probeFeatures = pooled.stopGradient();
        NDArray loss = step.zeros(new Shape());
        if (classifier != null) {
            int[] labels = batch.labels();
            Ssl4jException.check(labels != null, "method cmd with method.classes needs labelled training data");
            for (int label : labels) {
                Ssl4jException.check(label >= 0 && label < config.classes(),
                        "method.classes is %d but the training data has label %d", config.classes(), label);
            }
            NDArray logits = classifier.forward(store, new NDList(pooled), true).head();
            loss = loss.add(crossEntropy.evaluate(new NDList(Tensors.indices(step, labels)), new NDList(logits)));
        }
        if (keyframeEncoder != null) {
            NDArray c = forward(clipHead, pooled);
            NDArray k = forward(keyframeHead, forward(keyframeEncoder, batch.views().get(1)));
            loss = loss.add(context.computeInBatch(c, k, null).mul(config.contextWeight().floatValue()));
        }
        if (predictor != null) {
            loss = loss.add(motionLoss(tokens, batch.views().get(2), batch.views().get(3))
                    .mul(config.motionWeight().floatValue()));
        }
        return loss;
    }

    /** Pointwise InfoNCE of the cells predicted from the clip's {@code (B, N, C)} against the future's features. */
    private NDArray motionLoss(NDArray tokens, NDArray future, NDArray other) {
        NDArray predicted = predictor.forward(store, new NDList(tokens), true).head(); // (B, M, width)
        NDArray p = forward(predictionHead, predicted.reshape(-1, config.width())); // (B*M, D)
        // The future and other-time clips go through the encoder as one batch, then split.
        NDArray motionMap = motionEncoder.denseFeatures(store, future.concat(other, 0), true);
        NDArray targets = cellsLast(motionMap); // (2B, M, Cm)
        NDArray z = forward(motionHead, targets.reshape(-1, targets.getShape().get(2))); // (2B*M, D)
        long half = z.getShape().get(0) / 2;
        return motion.computeInBatch(p, z.get("0:{}", half), z.get("{}:", half));
    }

    /** {@code (B, C, cells...)} to {@code (B, cells, C)}. */
    private static NDArray cellsLast(NDArray map) {
        Shape s = map.getShape();
        return map.reshape(s.get(0), s.get(1), -1).swapAxes(1, 2);
    }

    private NDArray forward(Block block, NDArray x) {
        return block.forward(store, new NDList(x), true).head();
    }
}
