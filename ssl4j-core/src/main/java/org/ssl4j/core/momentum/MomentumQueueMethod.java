package org.ssl4j.core.momentum;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.ssl4j.core.memory.NegativeQueue;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.ParameterLists;

/**
 * A momentum-contrast method with one {@link MomentumPathway} (MoCo eq. 2 and its queue; MoCo v2 and DSM build on
 * it): the pathway's networks and queue, the momentum schedule, and the online probe's features. Subclasses give the
 * loss and say which keys to enqueue. Checkpoint names: the pathway's, without prefix.
 */
public abstract class MomentumQueueMethod implements Method {
    private final MomentumPathway pathway;
    private final float momentum;
    private final boolean cosineMomentum;
    private NDArray probeFeatures;

    /**
     * @param backbones makes the query and the key backbone
     * @param projectionHidden the head's hidden width, or null for the backbone's feature width (MoCo v2)
     * @param projectionDim the head's output width, the keys' width
     * @param queueSize {@code K}
     * @param momentum the key networks' momentum {@code m}
     * @param cosineMomentum whether {@code m} rises to 1 over the run on a cosine
     * @param shuffleKeys whether the key batch is shuffled around the key encoder ({@link KeyShuffle})
     */
    protected MomentumQueueMethod(Supplier<Backbone> backbones, Integer projectionHidden, int projectionDim,
            int queueSize, double momentum, boolean cosineMomentum, boolean shuffleKeys) {
        this.pathway = new MomentumPathway("", backbones, projectionHidden, projectionDim, queueSize, shuffleKeys);
        this.momentum = (float) momentum;
        this.cosineMomentum = cosineMomentum;
    }

    /** How many keys a step of batch {@code batch} enqueues (the queue must hold at least that many). */
    protected long keysPerStep(long batch) {
        return batch;
    }

    @Override
    public final Backbone encoder() {
        return pathway.encoder();
    }

    /** The negative queue (for checkpoints and inspection); null before {@link #initialize}. */
    public final NegativeQueue queue() {
        return pathway.queue();
    }

    @Override
    public final void initialize(NDManager manager, Shape viewShape) {
        pathway.initialize(manager, viewShape, keysPerStep(viewShape.get(0)));
    }

    @Override
    public final PairList<String, Parameter> parameters() {
        return pathway.parameters();
    }

    /** Every parameter of the key encoder and key head (momentum copies and their batch-norm statistics). */
    public final PairList<String, Parameter> keyParameters() {
        return pathway.keyParameters();
    }

    @Override
    public final Map<String, NDArray> stateArrays() {
        Map<String, NDArray> out = ParameterLists.newArrayMap();
        pathway.stateArrays(out);
        return out;
    }

    @Override
    public final Map<String, Long> stateCounters() {
        Map<String, Long> out = new LinkedHashMap<>();
        pathway.stateCounters(out);
        return out;
    }

    @Override
    public final void restoreCounters(Map<String, Long> counters) {
        pathway.restoreCounters(counters);
    }

    @Override
    public final NDArray probeFeatures() {
        return probeFeatures;
    }

    /** The queue's keys as unit columns {@code (D, K)}, the negatives of the loss. */
    protected final NDArray queuedKeys() {
        return pathway.queuedKeys();
    }

    /** Query-encoder features {@code (N, F)} of {@code views}, in training mode. */
    protected final NDArray encode(NDArray views) {
        return pathway.encode(views);
    }

    /** Keeps {@code features} {@code (N, F)}, detached, for the online probe. */
    protected final void probe(NDArray features) {
        probeFeatures = features.stopGradient();
    }

    /** Queries {@code (N, D)} from query-encoder features. */
    protected final NDArray project(NDArray features) {
        return pathway.project(features);
    }

    /**
     * Keys {@code (N, D)} of {@code views}, without gradient: the key networks run on the batch permuted by a
     * shuffle drawn from {@code seed}, and the keys are put back in order.
     */
    protected final NDArray keys(NDArray views, long seed) {
        return pathway.keys(views, seed);
    }

    /** Sets the keys {@code (keysPerStep, D)} that {@link #afterStep} enqueues, in order. */
    protected final void enqueueAfterStep(NDArray keys) {
        pathway.enqueueAfterStep(keys);
    }

    @Override
    public final void afterStep(NDManager scope, long step, long totalSteps) {
        pathway.afterStep(EmaUpdater.momentumAt(momentum, cosineMomentum, step + 1, totalSteps));
    }
}
