package org.ssl4j.image.densecl;

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
import org.ssl4j.core.head.DenseClNeck;
import org.ssl4j.core.head.ProjectionHead;
import org.ssl4j.core.loss.DenseCorrespondence;
import org.ssl4j.core.loss.DenseInfoNceLoss;
import org.ssl4j.core.loss.InfoNceLoss;
import org.ssl4j.core.memory.NegativeQueue;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.momentum.EmaUpdater;
import org.ssl4j.core.momentum.KeyShuffle;
import org.ssl4j.core.momentum.MomentumNetworks;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.tensor.Tensors;

/**
 * DenseCL (Wang et al. 2021, "Dense Contrastive Learning for Self-Supervised Visual Pre-Training"): MoCo v2 with a
 * {@link DenseClNeck} in place of the MLP head, and a second, pixel-level InfoNCE. The query view's dense grid is
 * contrasted cell by cell (eq. 2) with the momentum encoder's grid of the other view at the cells that
 * {@link DenseCorrespondence} matches on the backbone maps (eq. 3), against a second queue of dense negatives. The
 * loss is {@code (1 - lambda) L_global + lambda L_dense} (eq. 4).
 *
 * <p>As in the official code, the key side (backbone map, correspondence features, global key, key grid) comes from
 * the momentum copies only, without gradient, and each queue receives one vector per image: the global key and the
 * spatial mean of the key grid.
 */
public final class DenseCl implements Method {
    private final DenseClConfig config;
    private final MomentumNetworks networks;
    private final InfoNceLoss globalLoss;
    private final DenseInfoNceLoss denseLoss;
    private ParameterStore store;
    private NegativeQueue queue;
    private NegativeQueue denseQueue;
    private NDArray pendingKeys;
    private NDArray pendingDenseKeys;
    private NDArray probeFeatures;
    private long stepsTaken;

    /** Wires the method from its settings around two backbones from {@code backbones}: query and key. */
    public DenseCl(DenseClConfig config, Supplier<Backbone> backbones) {
        this.config = config;
        this.networks = new MomentumNetworks(backbones, backbone -> new DenseClNeck(
                ProjectionHead.hiddenWidth(config.projectionHidden(), backbone.numFeatures()),
                config.projectionDim()), "neck");
        this.globalLoss = new InfoNceLoss(config.temperature().floatValue());
        this.denseLoss = new DenseInfoNceLoss(config.temperature().floatValue());
    }

    @Override
    public String name() {
        return "densecl";
    }

    @Override
    public Backbone encoder() {
        return networks.encoder();
    }

    /** The global negative queue; null before {@link #initialize}. */
    public NegativeQueue queue() {
        return queue;
    }

    /** The dense negative queue; null before {@link #initialize}. */
    public NegativeQueue denseQueue() {
        return denseQueue;
    }

    @Override
    public void initialize(NDManager manager, Shape viewShape) {
        long batch = viewShape.get(0);
        Ssl4jException.check(config.queueSize() >= batch,
                "method.queueSize %d must be at least the %d keys enqueued per step", config.queueSize(), batch);
        networks.initialize(manager, viewShape, encoder -> {
            try (NDManager probe = manager.newSubManager()) { // the map's shape (B, C, h, w), from zeros
                return encoder.denseFeatures(new ParameterStore(probe, false), probe.zeros(viewShape), false)
                        .getShape();
            }
        });
        queue = new NegativeQueue(manager, config.queueSize(), config.projectionDim());
        denseQueue = new NegativeQueue(manager, config.queueSize(), config.projectionDim());
        store = new ParameterStore(manager, false);
    }

    @Override
    public PairList<String, Parameter> parameters() {
        return networks.parameters();
    }

    /** Every parameter of the key encoder and key neck (momentum copies and their batch-norm statistics). */
    public PairList<String, Parameter> keyParameters() {
        return networks.keyParameters();
    }

    @Override
    public Map<String, NDArray> stateArrays() {
        Map<String, NDArray> out = networks.stateArrays();
        out.put("queue.keys", queue.keys());
        out.put("denseQueue.keys", denseQueue.keys());
        return out;
    }

    @Override
    public Map<String, Long> stateCounters() {
        return Map.of("queue.pointer", queue.pointer(), "denseQueue.pointer", denseQueue.pointer(),
                "steps", stepsTaken);
    }

    @Override
    public void restoreCounters(Map<String, Long> counters) {
        queue.setPointer(counters.get("queue.pointer"));
        denseQueue.setPointer(counters.get("denseQueue.pointer"));
        stepsTaken = counters.get("steps");
    }

    @Override
    public NDArray loss(Batch batch, NDManager step) {
        NDArray x1 = batch.views().get(0); // (N, C, H, W) queries
        NDArray x2 = batch.views().get(1); // (N, C, H, W) keys
        KeyShuffle shuffle = KeyShuffle.of(config.shuffleKeys(), batch.size(), batch.seed());
        NDArray keyMap = shuffle.restore(networks.keyEncoder().denseFeatures(store, shuffle.shuffle(x2), true))
                .stopGradient(); // (N, F, h, w); the neck has no batch norm, so it may run on the restored order
        NDList keys = networks.keyHead().forward(store, new NDList(keyMap), true);
        NDArray queryMap = networks.encoder().denseFeatures(store, x1, true); // (N, F, h, w)
        NDArray queryCells = flatten(queryMap); // (N, F, S)
        probeFeatures = queryCells.mean(new int[] {2}).stopGradient(); // (N, F): what encoder.forward returns
        NDList queries = networks.head().forward(store, new NDList(queryMap), true);
        NDArray matches = DenseCorrespondence.match(queryCells, flatten(keyMap)); // (N, S)
        // The key neck's inputs and weights carry no gradient, so neither do its outputs.
        NDArray global = globalLoss.compute(queries.get(0), keys.get(0), queue.keys());
        NDArray dense = denseLoss.compute(queries.get(1), keys.get(1), matches, denseQueue.keys());
        pendingKeys = keys.get(0);
        pendingDenseKeys = keys.get(2);
        float lambda = config.lambdaAt(stepsTaken);
        return global.mul(1 - lambda).add(dense.mul(lambda));
    }

    /** {@code (N, F, h, w)} to {@code (N, F, h * w)}. */
    private static NDArray flatten(NDArray map) {
        Shape s = map.getShape();
        return map.reshape(s.get(0), s.get(1), s.get(2) * s.get(3));
    }

    @Override
    public NDArray probeFeatures() {
        return probeFeatures;
    }

    @Override
    public void afterStep(NDManager scope, long step, long totalSteps) {
        float m = EmaUpdater.momentumAt(config.momentum().floatValue(), config.momentumSchedule().equals("cosine"),
                step + 1, totalSteps);
        networks.update(m);
        queue.enqueue(Tensors.l2Normalize(pendingKeys, 1));
        denseQueue.enqueue(Tensors.l2Normalize(pendingDenseKeys, 1));
        pendingKeys = null;
        pendingDenseKeys = null;
        stepsTaken = step + 1;
    }
}
