package org.ssl4j.image.moco;

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
import org.ssl4j.core.loss.InfoNceLoss;
import org.ssl4j.core.memory.NegativeQueue;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.momentum.EmaUpdater;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.tensor.Tensors;

/**
 * MoCo v2 (He et al. 2020, "Momentum Contrast"; Chen et al. 2020, "Improved baselines"): a query encoder and MLP head
 * trained by InfoNCE (MoCo eq. 1) against the key of the other view, produced by a momentum copy of both (eq. 2), and
 * against a queue of earlier keys. After each optimiser step the key networks follow the query networks and the
 * step's keys replace the oldest in the queue.
 *
 * <p>The momentum update runs after the optimiser step rather than at the start of the next forward as in the
 * official code; the key encoder sees the same weights either way (the first update of the official code is a no-op
 * on identical copies).
 */
public final class MoCo implements Method {
    private final MoCoConfig config;
    private final MomentumNetworks networks;
    private final InfoNceLoss loss;
    private ParameterStore store;
    private NegativeQueue queue;
    private NDArray pendingKeys;
    private NDArray probeFeatures;

    /** Wires the method from its settings around two backbones from {@code backbones}: query and key. */
    public MoCo(MoCoConfig config, Supplier<Backbone> backbones) {
        this.config = config;
        this.networks = new MomentumNetworks(backbones, backbone -> ProjectionHead.mocoV2(
                config.projectionHidden() == null ? backbone.numFeatures() : config.projectionHidden(),
                config.projectionDim()), "head");
        this.loss = new InfoNceLoss(config.temperature().floatValue());
    }

    @Override
    public String name() {
        return "moco";
    }

    @Override
    public Backbone encoder() {
        return networks.encoder();
    }

    /** The negative queue (for checkpoints and inspection); null before {@link #initialize}. */
    public NegativeQueue queue() {
        return queue;
    }

    @Override
    public void initialize(NDManager manager, Shape viewShape) {
        long batch = viewShape.get(0);
        long keysPerStep = config.symmetric() ? 2 * batch : batch;
        Ssl4jException.check(config.queueSize() >= keysPerStep,
                "method.queueSize %d must be at least the %d keys enqueued per step", config.queueSize(), keysPerStep);
        networks.initialize(manager, viewShape, encoder -> new Shape(batch, encoder.numFeatures()));
        queue = new NegativeQueue(manager, config.queueSize(), config.projectionDim());
        store = new ParameterStore(manager, false);
    }

    @Override
    public PairList<String, Parameter> parameters() {
        return networks.parameters();
    }

    /** Every parameter of the key encoder and key head (momentum copies and their batch-norm statistics). */
    public PairList<String, Parameter> keyParameters() {
        return networks.keyParameters();
    }

    @Override
    public Map<String, NDArray> stateArrays() {
        Map<String, NDArray> out = networks.stateArrays();
        out.put("queue.keys", queue.keys());
        return out;
    }

    @Override
    public Map<String, Long> stateCounters() {
        return Map.of("queue.pointer", queue.pointer());
    }

    @Override
    public void restoreCounters(Map<String, Long> counters) {
        queue.setPointer(counters.get("queue.pointer"));
    }

    @Override
    public NDArray loss(Batch batch, NDManager step) {
        NDArray x1 = batch.views().get(0); // (N, C, H, W)
        NDArray x2 = batch.views().get(1); // (N, C, H, W)
        NDArray k2 = keys(x2, batch.seed(), 0); // (N, D)
        NDArray h1 = encode(x1); // (N, F)
        probeFeatures = h1.stopGradient();
        NDArray value = loss.compute(project(h1), k2, queue.keys());
        if (!config.symmetric()) {
            pendingKeys = k2;
            return value;
        }
        NDArray k1 = keys(x1, batch.seed(), 1); // (N, D)
        pendingKeys = k1.concat(k2, 0); // (2N, D), enqueued in this order as the official code
        return value.add(loss.compute(project(encode(x2)), k1, queue.keys()));
    }

    @Override
    public NDArray probeFeatures() {
        return probeFeatures;
    }

    /** Query-encoder features {@code (N, F)} of {@code views}. */
    private NDArray encode(NDArray views) {
        return networks.encoder().forward(store, new NDList(views), true).singletonOrThrow();
    }

    /** Queries {@code (N, D)} from query-encoder features. */
    private NDArray project(NDArray features) {
        return networks.head().forward(store, new NDList(features), true).singletonOrThrow();
    }

    /** Keys of {@code views}, computed on a permuted batch and put back in order, without gradient. */
    private NDArray keys(NDArray views, long seed, int which) {
        KeyShuffle shuffle = KeyShuffle.of(config.shuffleKeys(), Math.toIntExact(views.getShape().get(0)), seed + which);
        NDArray h = networks.keyEncoder().forward(store, new NDList(shuffle.shuffle(views)), true)
                .singletonOrThrow(); // (N, F)
        return shuffle.restore(networks.keyHead().forward(store, new NDList(h), true).singletonOrThrow()
                .stopGradient()); // (N, D)
    }

    @Override
    public void afterStep(NDManager scope, long step, long totalSteps) {
        float m = EmaUpdater.momentumAt(config.momentum().floatValue(), config.momentumSchedule().equals("cosine"),
                step + 1, totalSteps);
        networks.update(m);
        queue.enqueue(Tensors.l2Normalize(pendingKeys, 1));
        pendingKeys = null;
    }
}
