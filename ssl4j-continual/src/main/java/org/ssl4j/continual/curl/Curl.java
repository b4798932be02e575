package org.ssl4j.continual.curl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import java.util.List;
import java.util.SplittableRandom;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.BatchLoader;
import org.ssl4j.core.nn.ParameterLists;
import org.ssl4j.core.optim.AdamW;
import org.ssl4j.core.optim.StatefulOptimizer;
import org.ssl4j.core.tensor.Tensors;

/**
 * CURL for continual learning (Rao et al. 2019), one training step at a time: the mixture model's marginalised ELBO
 * ({@link MixtureElbo}, eq. 3) minimised by Adam on each batch, {@link DynamicExpansion} adding a component
 * initialised from the one that best explains the poorly explained data and trained on them with the component given
 * (the shared encoder and decoder untouched), and {@link MixtureReplay} putting generated batches of a frozen snapshot
 * in place of some real ones. Every random draw (latent noise, replayed components) comes from the seed and the step,
 * so a run is repeatable.
 */
public final class Curl {
    /**
     * What one step did.
     *
     * @param loss the batch's negative mean ELBO before the update
     * @param replayed whether the batch was generated
     * @param expanded whether the model added a component after the step
     * @param active the components active after the step
     */
    public record Step(float loss, boolean replayed, boolean expanded, int active) {}

    private final CurlModel model;
    private final DynamicExpansion expansion;
    private final MixtureReplay replay;
    private final StatefulOptimizer optimizer;
    /** Every trained parameter, and those an expansion trains: fixed for the model's life, so listed once. */
    private final PairList<String, Parameter> allParameters;
    private final PairList<String, Parameter> componentParameters;
    private final long seed;
    private int active;

    /**
     * @param model the live model
     * @param initialActive the components active at the start (the official: 1)
     * @param learningRate Adam's step size (1e-3)
     * @param expansion when the model expands
     * @param replay the replay, or null for none
     * @param seed the seed of every draw
     */
    public Curl(CurlModel model, int initialActive, float learningRate, DynamicExpansion expansion,
            MixtureReplay replay, long seed) {
        Ssl4jException.check(initialActive >= 1 && initialActive <= model.sizes().maxComponents(),
                "model.initialComponents: %d, expected 1 to model.maxComponents %d", initialActive,
                model.sizes().maxComponents());
        this.model = model;
        this.expansion = expansion;
        this.replay = replay;
        this.seed = seed;
        this.active = initialActive;
        this.optimizer = AdamW.builder().optWeightDecays(0f).build();
        optimizer.setLearningRate(learningRate);
        this.allParameters = ParameterLists.trained(model.namedBlocks());
        this.componentParameters = ParameterLists.trained(model.componentBlocks());
    }

    /** The components active now. */
    public int active() {
        return active;
    }

    /**
     * Trains one step: a replayed batch when the replay says so, else {@code real}'s; then, after a real batch, the
     * expansion's bookkeeping and, when its buffer is full, the expansion itself.
     *
     * @param step the step's index (from 0)
     * @param real the real batch, {@code (B)} flattened samples in [0, 1]; read only when the step trains on it
     * @param manager the step's scope: everything the step creates is freed with it
     */
    public Step train(long step, float[][] real, NDManager manager) {
        if (replay != null && replay.refreshDue(step)) {
            replay.refresh(model);
        }
        boolean replayed = replay != null && replay.replays(step);
        int batch = real.length;
        MixtureReplay.Replayed generated = replayed ? replay.sample(batch, random(step, 1), manager) : null;
        NDArray x = replayed ? generated.samples() : manager.create(real);
        boolean supervised = replayed && replay.settings().supervised();
        NDArray noise = normal(random(step, 2), manager, supervised ? 1 : active, batch, model.sizes().latentSize());
        float[] elbos;
        NDArray clusterProbabilities = null;
        float loss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray elbo;
            if (supervised) {
                elbo = model.supervisedElbo(x, active, generated.components(), noise.get(0), true).elbo();
            } else {
                CurlModel.Pass pass = model.pass(x, active, noise, true);
                elbo = pass.terms().elbo();
                clusterProbabilities = pass.clusterProbabilities().stopGradient();
            }
            NDArray objective = elbo.mean().neg();
            collector.backward(objective);
            loss = objective.getFloat();
            elbos = elbo.toFloatArray();
        }
        step(allParameters, manager);
        boolean expanded = false;
        if (!replayed) {
            if (expansion.observe(step, active, model.sizes().maxComponents(), real, elbos)) {
                expand(step, batch, manager);
                expanded = true;
            }
            if (replay != null) {
                replay.observe(clusterProbabilities);
            }
        }
        return new Step(loss, replayed, expanded, active);
    }

    /**
     * The official expansion: a snapshot first when the replay refreshes on expansion; the component that the
     * buffer's samples are most probably from ({@code argmax sum q(y|x)}) copied into the next free one, which becomes
     * active; then {@code trainPasses} passes over the buffer's batches train the component, cluster and prior
     * parameters on the ELBO with the new component given.
     */
    private void expand(long step, int batch, NDManager manager) {
        if (replay != null && replay.settings().refreshOnExpansion()) {
            replay.refresh(model);
        }
        List<float[]> poor = expansion.poorlyExplained(batch);
        int batches = poor.size() / batch;
        double[] use = new double[active];
        for (int b = 0; b < batches; b++) {
            float[] q = model.clusterProbabilities(rows(poor, b, batch, manager), active).toFloatArray();
            for (int i = 0; i < q.length; i++) {
                use[i % active] += q[i];
            }
        }
        int best = 0;
        for (int k = 1; k < active; k++) {
            best = use[k] > use[best] ? k : best;
        }
        int added = active;
        model.copyComponent(best, added);
        active++;
        NDArray addedIndex = manager.create(new long[batch]).add(added);
        SplittableRandom random = random(step, 3);
        for (int pass = 0; pass < expansion.settings().trainPasses(); pass++) {
            for (int b = 0; b < batches; b++) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = rows(poor, b, batch, scope);
                    NDArray noise = normal(random, scope, batch, model.sizes().latentSize());
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray objective = model.supervisedElbo(x, active, addedIndex, noise, true).elbo().mean()
                                .neg();
                        collector.backward(objective);
                    }
                    step(componentParameters, scope);
                    allParameters.forEach(p -> Tensors.zeroGradient(p.getValue().getArray())); // encoder's, decoder's
                }
            }
        }
        expansion.expanded();
    }

    private void step(PairList<String, Parameter> parameters, NDManager scope) {
        try (NDManager own = scope.newSubManager()) {
            optimizer.step(parameters, own);
        }
    }

    private SplittableRandom random(long step, int stream) {
        return new SplittableRandom(BatchLoader.mix(seed, step, stream));
    }

    /** Standard normal draws of {@code shape} from {@code random}, on {@code manager}. */
    static NDArray normal(SplittableRandom random, NDManager manager, long... shape) {
        Shape s = new Shape(shape);
        float[] values = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, s);
    }

    /** The {@code b}-th batch of {@code batch} rows of {@code samples}, as one {@code (batch, I)} array. */
    private static NDArray rows(List<float[]> samples, int b, int batch, NDManager manager) {
        return manager.create(samples.subList(b * batch, (b + 1) * batch).toArray(new float[0][]));
    }
}
