package org.ssl4j.rl.sac;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ssl4j.core.momentum.EmaUpdater;
import org.ssl4j.core.nn.ParameterLists;
import org.ssl4j.core.optim.AdamW;
import org.ssl4j.core.optim.StatefulOptimizer;
import org.ssl4j.core.tensor.Tensors;
import org.ssl4j.core.train.Checkpoints;
import org.ssl4j.core.train.TrainingState;
import org.ssl4j.rl.curl.BilinearInfoNce;

/**
 * Soft actor-critic (Haarnoja et al. 2018) from pixels or from state, with CURL's contrastive loss on the encoder
 * (Laskin, Srinivas, Abbeel 2020) as an option, wired as the official CURL code: the critics' encoder is trained by
 * the critic loss (and CURL's); the actor reads the encoder's convolutional features detached, through its own
 * linear-and-layer-norm head; twin critics with target copies soft-updated every {@code targetUpdateEvery} updates
 * (rate {@code criticTau}, the target encoder {@code encoderTau}); the temperature is learned towards an entropy of
 * {@code -|A|}. CURL's anchors are the critic's observations through the online encoder, its keys another random crop
 * of them through the target encoder ({@link BilinearInfoNce}).
 *
 * <p>Weights are initialised as the official code's ({@link OrthogonalInit}). One difference: the contrastive update
 * steps the encoder once, with one Adam over the encoder and {@code W} (the official code steps the encoder with two
 * Adams at once).
 */
public final class SacAgent {
    private final SacConfig config;
    private final int actionSize;
    private final boolean pixels;
    private final ParameterStore store;
    private final SequentialBlock convolutions;
    private final SequentialBlock encoderHead;
    private final SequentialBlock targetConvolutions;
    private final SequentialBlock targetEncoderHead;
    private final SequentialBlock actorHead;
    private final SequentialBlock actor;
    private final SequentialBlock q1;
    private final SequentialBlock q2;
    private final SequentialBlock targetQ1;
    private final SequentialBlock targetQ2;
    private final Parameter logAlpha;
    private final Parameter curlW;
    private final EmaUpdater[] encoderTargets;
    private final EmaUpdater[] criticTargets;
    private final StatefulOptimizer criticOptimizer;
    private final StatefulOptimizer actorOptimizer;
    private final StatefulOptimizer alphaOptimizer;
    private final StatefulOptimizer curlOptimizer;
    private long updates;

    /** The losses of one update (NaN where a part did not run). */
    public record Losses(float critic, float actor, float alpha, float curl, float temperature) {}

    /**
     * One batch of transitions on the agent's manager (or a scope of it).
     *
     * @param observations {@code (B, C, H, W)} pixels in [0, 1], or {@code (B, S)} states
     * @param actions {@code (B, A)}
     * @param rewards {@code (B, 1)}
     * @param notDones {@code (B, 1)}
     * @param next the next observations
     * @param positives CURL's keys, another crop of {@code observations}; null without CURL
     */
    public record Batch(NDArray observations, NDArray actions, NDArray rewards, NDArray notDones, NDArray next,
            NDArray positives) {}

    /**
     * Builds and initialises the networks on {@code manager}, drawing from the engine's generator.
     *
     * @param observationShape {@code (C, H, W)} for pixels (after the crop), {@code (S)} for states
     */
    public SacAgent(SacConfig config, int[] observationShape, int actionSize, NDManager manager) {
        this.config = config;
        this.actionSize = actionSize;
        this.pixels = observationShape.length == 3;
        this.store = new ParameterStore(manager, false);
        long features;
        if (pixels) {
            convolutions = SacBlocks.convolutions(config.convLayers(), config.convFilters());
            targetConvolutions = SacBlocks.convolutions(config.convLayers(), config.convFilters());
            encoderHead = SacBlocks.featureHead(config.featureDim());
            targetEncoderHead = SacBlocks.featureHead(config.featureDim());
            actorHead = SacBlocks.featureHead(config.featureDim());
            Shape input = Tensors.batchShape(1, observationShape);
            convolutions.initialize(manager, DataType.FLOAT32, input);
            targetConvolutions.initialize(manager, DataType.FLOAT32, input);
            Shape flat = convolutions.getOutputShapes(new Shape[] {input})[0];
            encoderHead.initialize(manager, DataType.FLOAT32, flat);
            targetEncoderHead.initialize(manager, DataType.FLOAT32, flat);
            actorHead.initialize(manager, DataType.FLOAT32, flat);
            features = config.featureDim();
            encoderTargets = new EmaUpdater[] {new EmaUpdater(convolutions, targetConvolutions),
                new EmaUpdater(encoderHead, targetEncoderHead)};
        } else {
            convolutions = null;
            targetConvolutions = null;
            encoderHead = null;
            targetEncoderHead = null;
            actorHead = null;
            features = observationShape[0];
            encoderTargets = new EmaUpdater[0];
        }
        actor = SacBlocks.mlp(config.hidden(), 2 * actionSize);
        actor.initialize(manager, DataType.FLOAT32, new Shape(1, features));
        q1 = SacBlocks.mlp(config.hidden(), 1);
        q2 = SacBlocks.mlp(config.hidden(), 1);
        targetQ1 = SacBlocks.mlp(config.hidden(), 1);
        targetQ2 = SacBlocks.mlp(config.hidden(), 1);
        for (Block q : new Block[] {q1, q2, targetQ1, targetQ2}) {
            q.initialize(manager, DataType.FLOAT32, new Shape(1, features + actionSize));
        }
        criticTargets = new EmaUpdater[] {new EmaUpdater(q1, targetQ1), new EmaUpdater(q2, targetQ2)};
        for (Block block : pixels ? new Block[] {convolutions, encoderHead, actorHead, actor, q1, q2}
                : new Block[] {actor, q1, q2}) {
            OrthogonalInit.apply(block, manager); // the targets are copies, made next
        }
        for (EmaUpdater target : encoderTargets) {
            target.copy();
        }
        for (EmaUpdater target : criticTargets) {
            target.copy();
        }
        logAlpha = Parameter.builder().setName("logAlpha").setType(Parameter.Type.OTHER).optShape(new Shape(1))
                .optInitializer(new ConstantInitializer((float) Math.log(config.initTemperature()))).build();
        logAlpha.initialize(manager, DataType.FLOAT32);
        if (pixels && config.curl()) {
            curlW = Parameter.builder().setName("W").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(config.featureDim(), config.featureDim()))
                    .optInitializer((m, shape, type) -> m.randomUniform(0, 1, shape, type)).build(); // torch.rand
            curlW.initialize(manager, DataType.FLOAT32);
        } else {
            curlW = null;
        }
        criticOptimizer = adam(config.criticLr(), 0.9f);
        actorOptimizer = adam(config.actorLr(), 0.9f);
        alphaOptimizer = adam(config.alphaLr(), 0.5f);
        curlOptimizer = adam(config.encoderLr(), 0.9f);
    }

    private static StatefulOptimizer adam(double lr, float beta1) {
        StatefulOptimizer adam = AdamW.builder().optBeta1(beta1).optWeightDecays(0f).build();
        adam.setLearningRate((float) lr);
        return adam;
    }

    /** Updates made so far. */
    public long updates() {
        return updates;
    }

    /** The entropy temperature {@code alpha}. */
    public float temperature() {
        return (float) Math.exp(logAlpha.getArray().getFloat());
    }

    /**
     * The action for one observation: drawn from the policy ({@code explore}) or its mean (evaluation).
     *
     * @param observation {@code (1, C, H, W)} or {@code (1, S)}
     */
    public float[] act(NDArray observation, boolean explore) {
        try (NDManager scope = observation.getManager().newSubManager()) {
            scope.tempAttachAll(observation);
            NDArray noise = scope.randomNormal(new Shape(1, actionSize));
            TanhGaussianPolicy.Sample sample = policy(actorInput(observation), noise);
            return (explore ? sample.action() : sample.mean()).toFloatArray();
        }
    }

    /** The actor's input: the detached convolutional features, or the state. */
    private NDArray actorInput(NDArray observation) {
        return pixels ? forward(convolutions, observation).stopGradient() : observation;
    }

    private TanhGaussianPolicy.Sample policy(NDArray actorInput, NDArray noise) {
        NDArray features = pixels ? forward(actorHead, actorInput) : actorInput;
        return TanhGaussianPolicy.sample(forward(actor, features), noise, config.logStdMin(), config.logStdMax());
    }

    private NDArray encode(NDArray observation, SequentialBlock convs, SequentialBlock head) {
        return pixels ? forward(head, forward(convs, observation)) : observation;
    }

    private NDArray forward(Block block, NDArray input) {
        return block.forward(store, new NDList(input), true).singletonOrThrow();
    }

    private NDArray minQ(SequentialBlock a, SequentialBlock b, NDArray features, NDArray action) {
        NDArray input = features.concat(action, 1);
        return forward(a, input).minimum(forward(b, input));
    }

    /**
     * One update from {@code batch}: the critics; every {@code actorUpdateEvery} updates the actor and the
     * temperature; every {@code targetUpdateEvery} the targets; then CURL's loss when the batch has keys.
     */
    public Losses update(Batch batch) {
        NDManager scope = batch.observations().getManager();
        double gamma = config.discount();
        NDArray alpha = temperature(scope);
        // The critics' target, outside autograd.
        NDArray nextInput = actorInput(batch.next());
        TanhGaussianPolicy.Sample next = policy(nextInput, scope.randomNormal(new Shape(batch.next().getShape()
                .get(0), actionSize)));
        NDArray targetFeatures = encode(batch.next(), targetConvolutions, targetEncoderHead);
        NDArray value = minQ(targetQ1, targetQ2, targetFeatures, next.action()).sub(alpha.mul(next.logProb()));
        NDArray target = batch.rewards().add(batch.notDones().mul(gamma).mul(value)).stopGradient();
        float criticLoss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray features = encode(batch.observations(), convolutions, encoderHead);
            NDArray input = features.concat(batch.actions(), 1);
            NDArray loss = forward(q1, input).sub(target).square().mean()
                    .add(forward(q2, input).sub(target).square().mean());
            collector.backward(loss);
            criticLoss = loss.getFloat();
        }
        step(criticOptimizer, criticParameters(), scope);
        float actorLoss = Float.NaN;
        float alphaLoss = Float.NaN;
        if (updates % config.actorUpdateEvery() == 0) {
            NDArray actorInput = actorInput(batch.observations()); // the convolutions' output, run once for both
            NDArray criticFeatures = pixels ? forward(encoderHead, actorInput).stopGradient() : actorInput;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                TanhGaussianPolicy.Sample sample = policy(actorInput, scope.randomNormal(new Shape(
                        batch.observations().getShape().get(0), actionSize)));
                NDArray q = minQ(q1, q2, criticFeatures, sample.action());
                NDArray policyLoss = alpha.stopGradient().mul(sample.logProb()).sub(q).mean();
                NDArray temperatureLoss = temperatureLoss(temperature(scope), sample.logProb(), actionSize);
                collector.backward(policyLoss.add(temperatureLoss));
                actorLoss = policyLoss.getFloat();
                alphaLoss = temperatureLoss.getFloat();
            }
            step(actorOptimizer, actorParameters(), scope);
            step(alphaOptimizer, alphaParameters(), scope);
            for (Block q : new Block[] {q1, q2}) { // the actor's loss reached the critics: not theirs to keep
                q.getParameters().values().forEach(p -> Tensors.zeroGradient(p.getArray()));
            }
        }
        if (updates % config.targetUpdateEvery() == 0) {
            for (EmaUpdater critic : criticTargets) {
                critic.update((float) (1 - config.criticTau()));
            }
            for (EmaUpdater encoder : encoderTargets) {
                encoder.update((float) (1 - config.encoderTau()));
            }
        }
        float curlLoss = Float.NaN;
        if (curlW != null && batch.positives() != null) {
            NDArray keys = encode(batch.positives(), targetConvolutions, targetEncoderHead).stopGradient();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray anchors = encode(batch.observations(), convolutions, encoderHead);
                NDArray loss = BilinearInfoNce.compute(anchors, keys, curlW.getArray());
                collector.backward(loss);
                curlLoss = loss.getFloat();
            }
            step(curlOptimizer, curlParameters(), scope);
        }
        updates++;
        return new Losses(criticLoss, actorLoss, alphaLoss, curlLoss, temperature());
    }

    /**
     * Steps {@code optimizer} in a scope of its own: an optimiser moves the weights into its step's scope until the
     * scope closes, and a weight moved twice into one scope (the encoder, stepped by the critic's and CURL's
     * optimisers) would be closed with it.
     */
    private static void step(StatefulOptimizer optimizer, PairList<String, Parameter> parameters, NDManager scope) {
        try (NDManager own = scope.newSubManager()) {
            optimizer.step(parameters, own);
        }
    }

    /** {@code alpha = exp(logAlpha)} on {@code scope} (the parameter's own manager would keep it forever). */
    /**
     * SAC's temperature objective (Haarnoja et al. 2018, "Soft Actor-Critic Algorithms and Applications", eq. 18),
     * {@code mean(alpha * (-log pi - H))} with the target entropy {@code H = -|A|} and {@code log pi} held fixed: its
     * gradient lowers {@code alpha} while the policy's entropy is above the target and raises it below.
     *
     * @param alpha the temperature, {@code exp(logAlpha)}, in autograd
     * @param logProb the sampled actions' log-probabilities {@code (B, 1)}
     */
    static NDArray temperatureLoss(NDArray alpha, NDArray logProb, int actionSize) {
        return alpha.mul(logProb.add(-actionSize).mul(-1).stopGradient()).mean();
    }

    private NDArray temperature(NDManager scope) {
        NDArray alpha = logAlpha.getArray().exp();
        alpha.attach(scope);
        return alpha;
    }

    /** The online encoder's blocks by prefix (none from state): trained by the critic's loss and CURL's. */
    private Map<String, Block> encoderBlocks() {
        Map<String, Block> out = new LinkedHashMap<>();
        if (pixels) {
            out.put("convolutions.", convolutions);
            out.put("encoderHead.", encoderHead);
        }
        return out;
    }

    /** Every block of the agent by checkpoint prefix, targets included. */
    private Map<String, Block> blocks() {
        Map<String, Block> out = encoderBlocks();
        if (pixels) {
            out.put("targetConvolutions.", targetConvolutions);
            out.put("targetEncoderHead.", targetEncoderHead);
            out.put("actorHead.", actorHead);
        }
        out.put("actor.", actor);
        out.put("q1.", q1);
        out.put("q2.", q2);
        out.put("targetQ1.", targetQ1);
        out.put("targetQ2.", targetQ2);
        return out;
    }

    private Map<String, StatefulOptimizer> optimizers() {
        Map<String, StatefulOptimizer> out = new LinkedHashMap<>();
        out.put("critic/", criticOptimizer);
        out.put("actor/", actorOptimizer);
        out.put("alpha/", alphaOptimizer);
        out.put("curl/", curlOptimizer);
        return out;
    }

    /**
     * Adds everything a checkpoint needs to continue this agent exactly: every network's arrays (targets too), the
     * temperature, CURL's {@code W}, the optimisers' moments and step counts, and the number of updates.
     */
    public void saveState(Map<String, NDArray> arrays, Map<String, Long> counters) {
        arrays.putAll(arrays());
        optimizers().forEach((prefix, optimizer) -> TrainingState.saveOptimizer(prefix, optimizer, arrays, counters));
        counters.put("agent.updates", updates);
    }

    /** Restores what {@link #saveState} saved; a checkpoint of another agent is a one-line error. */
    public void restoreState(Checkpoints.Loaded checkpoint) {
        TrainingState.restoreArrays(checkpoint, "", arrays(), "agent");
        optimizers().forEach((prefix, optimizer) -> TrainingState.restoreOptimizer(checkpoint, prefix, optimizer));
        updates = checkpoint.counter("agent.updates");
    }

    /** The live arrays a checkpoint holds: every block's, the temperature and CURL's {@code W}. */
    private Map<String, NDArray> arrays() {
        Map<String, NDArray> out = ParameterLists.arrays(blocks());
        out.put("logAlpha", logAlpha.getArray());
        if (curlW != null) {
            out.put("W", curlW.getArray());
        }
        return out;
    }

    private PairList<String, Parameter> criticParameters() {
        Map<String, Block> blocks = encoderBlocks();
        blocks.put("q1.", q1);
        blocks.put("q2.", q2);
        return ParameterLists.trained(blocks);
    }

    private PairList<String, Parameter> actorParameters() {
        Map<String, Block> blocks = new LinkedHashMap<>();
        if (pixels) {
            blocks.put("actorHead.", actorHead);
        }
        blocks.put("actor.", actor);
        return ParameterLists.trained(blocks);
    }

    private PairList<String, Parameter> alphaParameters() {
        PairList<String, Parameter> out = new PairList<>();
        out.add("logAlpha", logAlpha);
        return out;
    }

    private PairList<String, Parameter> curlParameters() {
        PairList<String, Parameter> out = ParameterLists.trained(encoderBlocks());
        out.add("W", curlW);
        return out;
    }
}
