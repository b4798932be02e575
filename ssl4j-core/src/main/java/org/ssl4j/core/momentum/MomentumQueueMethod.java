package org.ssl4j.core.momentum;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import java.util.function.Supplier;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.head.ProjectionHead;
import org.ssl4j.core.memory.NegativeQueue;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.tensor.Tensors;

/**
 * The wiring of a momentum-contrast method with one queue (MoCo eq. 2 and its queue; MoCo v2 and DSM build on it): a
 * query encoder with MoCo v2's MLP head, their momentum copies, the queue of unit keys, the key batch's shuffle, and
 * after each optimiser step the momentum update and the enqueueing of the step's keys. Subclasses give the loss and
 * say which keys to enqueue. Checkpoint names: the networks' ({@link MomentumNetworks}), {@code queue.keys} and the
 * counter {@code queue.pointer}.
 */
public abstract class MomentumQueueMethod implements Method {
    private final MomentumNetworks networks;
    private final int queueSize;
    private final int projectionDim;
    private final float momentum;
    private final boolean cosineMomentum;
    private final boolean shuffleKeys;
    private ParameterStore store;
    private NegativeQueue queue;
    private NDArray pendingKeys;
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
        this.networks = new MomentumNetworks(backbones, backbone -> ProjectionHead.mocoV2(
                ProjectionHead.hiddenWidth(projectionHidden, backbone.numFeatures()), projectionDim), "head");
        this.queueSize = queueSize;
        this.projectionDim = projectionDim;
        this.momentum = (float) momentum;
        this.cosineMomentum = cosineMomentum;
        this.shuffleKeys = shuffleKeys;
    }

    /** How many keys a step of batch {@code batch} enqueues (the queue must hold at least that many). */
    protected long keysPerStep(long batch) {
        return batch;
    }

    @Override
    public final Backbone encoder() {
        return networks.encoder();
    }

    /** The negative queue (for checkpoints and inspection); null before {@link #initialize}. */
    public final NegativeQueue queue() {
        return queue;
    }

    @Override
    public final void initialize(NDManager manager, Shape viewShape) {
        long batch = viewShape.get(0);
        long keys = keysPerStep(batch);
        Ssl4jException.check(queueSize >= keys, "method.queueSize %d must be at least the %d keys enqueued per step",
                queueSize, keys);
        networks.initialize(manager, viewShape, encoder -> new Shape(batch, encoder.numFeatures()));
        queue = new NegativeQueue(manager, queueSize, projectionDim);
        store = new ParameterStore(manager, false);
    }

    @Override
    public final PairList<String, Parameter> parameters() {
        return networks.parameters();
    }

    /** Every parameter of the key encoder and key head (momentum copies and their batch-norm statistics). */
    public final PairList<String, Parameter> keyParameters() {
        return networks.keyParameters();
    }

    @Override
    public final Map<String, NDArray> stateArrays() {
        Map<String, NDArray> out = networks.stateArrays();
        out.put("queue.keys", queue.keys());
        return out;
    }

    @Override
    public final Map<String, Long> stateCounters() {
        return Map.of("queue.pointer", queue.pointer());
    }

    @Override
    public final void restoreCounters(Map<String, Long> counters) {
        queue.setPointer(counters.get("queue.pointer"));
    }

    @Override
    public final NDArray probeFeatures() {
        return probeFeatures;
    }

    /** The queue's keys as unit columns {@code (D, K)}, the negatives of the loss. */
    protected final NDArray queuedKeys() {
        return queue.keys();
    }

    /** Query-encoder features {@code (N, F)} of {@code views}, in training mode. */
    protected final NDArray encode(NDArray views) {
        return networks.encoder().forward(store, new NDList(views), true).singletonOrThrow();
    }

    /** Keeps {@code features} {@code (N, F)}, detached, for the online probe. */
    protected final void probe(NDArray features) {
        probeFeatures = features.stopGradient();
    }

    /** Queries {@code (N, D)} from query-encoder features. */
    protected final NDArray project(NDArray features) {
        return networks.head().forward(store, new NDList(features), true).singletonOrThrow();
    }

    /**
     * Keys {@code (N, D)} of {@code views}, without gradient: the key networks run on the batch permuted by a
     * shuffle drawn from {@code seed}, and the keys are put back in order.
     */
    protected final NDArray keys(NDArray views, long seed) {
        KeyShuffle shuffle = KeyShuffle.of(shuffleKeys, Math.toIntExact(views.getShape().get(0)), seed);
        NDArray h = networks.keyEncoder().forward(store, new NDList(shuffle.shuffle(views)), true)
                .singletonOrThrow(); // (N, F)
        return shuffle.restore(networks.keyHead().forward(store, new NDList(h), true).singletonOrThrow()
                .stopGradient()); // (N, D)
    }

    /** Sets the keys {@code (keysPerStep, D)} that {@link #afterStep} enqueues, in order. */
    protected final void enqueueAfterStep(NDArray keys) {
        pendingKeys = keys;
    }

    @Override
    public final void afterStep(NDManager scope, long step, long totalSteps) {
        networks.update(EmaUpdater.momentumAt(momentum, cosineMomentum, step + 1, totalSteps));
        queue.enqueue(Tensors.l2Normalize(pendingKeys, 1));
        pendingKeys = null;
    }
}
