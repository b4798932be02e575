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
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.tensor.Tensors;

/**
 * One momentum-contrast pathway (MoCo eq. 2 and its queue): a query encoder with MoCo v2's MLP head, their momentum
 * copies, the queue of unit keys, the key batch's shuffle, and after each optimiser step the momentum update and the
 * enqueueing of the step's keys. {@link MomentumQueueMethod} is one pathway; MoDist has one per modality. Checkpoint
 * names: the networks' ({@link MomentumNetworks}) and {@code queue.keys}, with the counter {@code queue.pointer}, all
 * after the pathway's prefix.
 */
public final class MomentumPathway {
    private final String prefix;
    private final MomentumNetworks networks;
    private final int queueSize;
    private final int projectionDim;
    private final boolean shuffleKeys;
    private ParameterStore store;
    private NegativeQueue queue;
    private NDArray pendingKeys;

    /**
     * @param prefix put before every parameter and checkpoint name ({@code ""} for a method's only pathway)
     * @param backbones makes the query and the key backbone
     * @param projectionHidden the head's hidden width, or null for the backbone's feature width (MoCo v2)
     * @param projectionDim the head's output width, the keys' width
     * @param queueSize {@code K}
     * @param shuffleKeys whether the key batch is shuffled around the key encoder ({@link KeyShuffle})
     */
    public MomentumPathway(String prefix, Supplier<Backbone> backbones, Integer projectionHidden, int projectionDim,
            int queueSize, boolean shuffleKeys) {
        this.prefix = prefix;
        this.networks = new MomentumNetworks(prefix, backbones, backbone -> ProjectionHead.mocoV2(
                ProjectionHead.hiddenWidth(projectionHidden, backbone.numFeatures()), projectionDim), "head");
        this.queueSize = queueSize;
        this.projectionDim = projectionDim;
        this.shuffleKeys = shuffleKeys;
    }

    /**
     * Initialises the networks on inputs of {@code viewShape} and an empty queue.
     *
     * @param keysPerStep how many keys a step enqueues; the queue must hold at least that many
     */
    public void initialize(NDManager manager, Shape viewShape, long keysPerStep) {
        Ssl4jException.check(queueSize >= keysPerStep,
                "method.queueSize %d must be at least the %d keys enqueued per step", queueSize, keysPerStep);
        long batch = viewShape.get(0);
        networks.initialize(manager, viewShape, encoder -> new Shape(batch, encoder.numFeatures()));
        queue = new NegativeQueue(manager, queueSize, projectionDim);
        store = new ParameterStore(manager, false);
    }

    /** The query backbone. */
    public Backbone encoder() {
        return networks.encoder();
    }

    /** The negative queue; null before {@link #initialize}. */
    public NegativeQueue queue() {
        return queue;
    }

    /** The queue's keys as unit columns {@code (D, K)}, the negatives of a loss. */
    public NDArray queuedKeys() {
        return queue.keys();
    }

    /** The trained parameters: query backbone and head. */
    public PairList<String, Parameter> parameters() {
        return networks.parameters();
    }

    /** Every parameter of the key encoder and key head (momentum copies and their batch-norm statistics). */
    public PairList<String, Parameter> keyParameters() {
        return networks.keyParameters();
    }

    /** Every array of the networks and the queue, by checkpoint name, into {@code out}. */
    public void stateArrays(Map<String, NDArray> out) {
        out.putAll(networks.stateArrays());
        out.put(prefix + "queue.keys", queue.keys());
    }

    /** The queue's pointer, by checkpoint name, into {@code out}. */
    public void stateCounters(Map<String, Long> out) {
        out.put(prefix + "queue.pointer", queue.pointer());
    }

    /** Restores the queue's pointer from checkpoint counters. */
    public void restoreCounters(Map<String, Long> counters) {
        Long pointer = counters.get(prefix + "queue.pointer");
        Ssl4jException.check(pointer != null, "the checkpoint has no %squeue.pointer", prefix);
        queue.setPointer(pointer);
    }

    /** Query-encoder features {@code (N, F)} of {@code views}, in training mode. */
    public NDArray encode(NDArray views) {
        return networks.encoder().forward(store, new NDList(views), true).singletonOrThrow();
    }

    /** Queries {@code (N, D)} from query-encoder features. */
    public NDArray project(NDArray features) {
        return networks.head().forward(store, new NDList(features), true).singletonOrThrow();
    }

    /**
     * Keys {@code (N, D)} of {@code views}, without gradient: the key networks run on the batch permuted by a
     * shuffle drawn from {@code seed}, and the keys are put back in order.
     */
    public NDArray keys(NDArray views, long seed) {
        KeyShuffle shuffle = KeyShuffle.of(shuffleKeys, Math.toIntExact(views.getShape().get(0)), seed);
        NDArray h = networks.keyEncoder().forward(store, new NDList(shuffle.shuffle(views)), true)
                .singletonOrThrow(); // (N, F)
        return shuffle.restore(networks.keyHead().forward(store, new NDList(h), true).singletonOrThrow()
                .stopGradient()); // (N, D)
    }

    /** Sets the keys {@code (keysPerStep, D)} that {@link #afterStep} enqueues, in order. */
    public void enqueueAfterStep(NDArray keys) {
        pendingKeys = keys;
    }

    /** Moves the key networks towards the query networks with momentum {@code m} and enqueues the step's keys. */
    public void afterStep(float momentum) {
        Ssl4jException.check(pendingKeys != null, "no keys were set to enqueue after this step");
        networks.update(momentum);
        queue.enqueue(Tensors.l2Normalize(pendingKeys, 1));
        pendingKeys = null;
    }
}
