package org.ssl4j.video.method.modist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.momentum.EmaUpdater;
import org.ssl4j.core.momentum.MomentumPathway;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.nn.ParameterLists;
import org.ssl4j.core.recipe.BackboneConfig;

/**
 * MoDist, motion distillation (Xiao et al. 2021, "MoDist: Motion distillation for self-supervised video
 * representation learning"), on the four {@link ModistViews}: a Visual pathway (the recipe's RGB backbone, the one
 * evaluated and exported) and a Motion pathway (a 3D backbone on 2-channel optical flow), each a
 * {@link MomentumPathway} with its own momentum encoder, MLP head and queue, embedding into one space. The queries
 * come from clip A and its flow through the query networks, the keys from clip B and its flow through the key
 * networks, and {@link ModistLoss} sums the visual, motion and cross-modal terms. After each step both
 * key networks follow their query networks and each queue takes its pathway's keys. The Motion pathway is not built
 * when neither of its terms weighs anything.
 */
public final class Modist implements Method {
    private final ModistConfig config;
    private final MomentumPathway visual;
    private final MomentumPathway motion;
    private final ModistLoss objective;
    private NDArray probeFeatures;

    /** Wires both pathways: the Visual one around two backbones from {@code backbones}, query and key. */
    public Modist(ModistConfig config, Supplier<Backbone> backbones) {
        this.config = config;
        this.visual = new MomentumPathway("", backbones, config.projectionHidden(), config.projectionDim(),
                config.queueSize(), config.shuffleKeys());
        BackboneConfig flowBackbone = new BackboneConfig(config.motionBackbone(), config.motionWidth(), null, 1);
        this.motion = config.motionWeight() + config.crossWeight() > 0
                ? new MomentumPathway("motion.", () -> Backbones.create(flowBackbone), config.projectionHidden(),
                        config.projectionDim(), config.queueSize(), config.shuffleKeys())
                : null;
        this.objective = new ModistLoss(config.temperature(), config.visualWeight(), config.motionWeight(),
                config.crossWeight());
    }

    @Override
    public String name() {
        return "modist";
    }

    @Override
    public Backbone encoder() {
        return visual.encoder();
    }

    /** @param viewShape the RGB clips' batch shape {@code (B, 3, T, S, S)}; the flow's is {@code (B, 2, T, f, f)} */
    @Override
    public void initialize(NDManager manager, Shape viewShape) {
        Ssl4jException.check(viewShape.dimension() == 5 && viewShape.get(1) == 3,
                "MoDist trains on batches of RGB clips (B, 3, T, H, W), got %s", viewShape);
        long batch = viewShape.get(0);
        visual.initialize(manager, viewShape, batch);
        if (motion != null) {
            long f = config.flowSize((int) viewShape.get(3));
            motion.initialize(manager, new Shape(batch, 2, viewShape.get(2), f, f), batch);
        }
    }

    @Override
    public PairList<String, Parameter> parameters() {
        PairList<String, Parameter> out = visual.parameters(); // a new list
        if (motion != null) {
            out.addAll(motion.parameters());
        }
        return out;
    }

    @Override
    public Map<String, NDArray> stateArrays() {
        Map<String, NDArray> out = ParameterLists.newArrayMap();
        visual.stateArrays(out);
        if (motion != null) {
            motion.stateArrays(out);
        }
        return out;
    }

    @Override
    public Map<String, Long> stateCounters() {
        Map<String, Long> out = new LinkedHashMap<>();
        visual.stateCounters(out);
        if (motion != null) {
            motion.stateCounters(out);
        }
        return out;
    }

    @Override
    public void restoreCounters(Map<String, Long> counters) {
        visual.restoreCounters(counters);
        if (motion != null) {
            motion.restoreCounters(counters);
        }
    }

    @Override
    public NDArray probeFeatures() {
        return probeFeatures;
    }

    @Override
    public NDArray loss(Batch batch, NDManager step) {
        Ssl4jException.check(batch.views().size() == 4, "MoDist needs 4 views (two RGB clips and their flow), got %d",
                batch.views().size());
        NDArray visualKeys = visual.keys(batch.views().get(1), batch.seed()); // v'(B), (N, D)
        NDArray h = visual.encode(batch.views().get(0)); // (N, F)
        probeFeatures = h.stopGradient();
        visual.enqueueAfterStep(visualKeys);
        if (motion == null) {
            return objective.compute(visual.project(h), visualKeys, visual.queuedKeys(), null, null, null);
        }
        NDArray motionKeys = motion.keys(batch.views().get(3), batch.seed() + 1); // m'(B)
        motion.enqueueAfterStep(motionKeys);
        return objective.compute(visual.project(h), visualKeys, visual.queuedKeys(),
                motion.project(motion.encode(batch.views().get(2))), motionKeys, motion.queuedKeys());
    }

    @Override
    public void afterStep(NDManager scope, long step, long totalSteps) {
        float m = EmaUpdater.momentumAt(config.momentum().floatValue(), false, step + 1, totalSteps);
        visual.afterStep(m);
        if (motion != null) {
            motion.afterStep(m);
        }
    }
}
