package org.ssl4j.video.method.modist;

import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.momentum.MomentumSettings;
import org.ssl4j.core.recipe.MethodConfig;
import org.ssl4j.core.recipe.RecipeValues;
import org.ssl4j.video.flow.OpticalFlow;

/**
 * Settings of MoDist (Xiao et al. 2021, "MoDist: Motion distillation for self-supervised video representation
 * learning"): a Visual pathway on RGB clips and a Motion pathway on their optical flow, each a MoCo pathway with its
 * own momentum encoder and queue, and the cross-modal terms between them. Defaults are MoCo v2's where the paper
 * follows it.
 *
 * @param temperature InfoNCE tau of every term (default 0.2)
 * @param queueSize {@code K}, keys kept by each pathway's queue (default 65,536); at least the batch size
 * @param momentum key-encoder momentum {@code m} of both pathways (default 0.999)
 * @param projectionHidden hidden width of the MLP heads (default: the backbone's feature width)
 * @param projectionDim output width of the heads, the shared embedding's (default 128)
 * @param shuffleKeys shuffling batch norm for the keys, as MoCo (default true)
 * @param visualWeight weight of the visual-visual term (default 1)
 * @param motionWeight weight of the motion-motion term, which trains the Motion pathway on its own (default 1)
 * @param crossWeight weight of each cross-modal term, visual to motion and motion to visual (default 1)
 * @param motionBackbone the Motion pathway's 3D backbone name, on 2-channel flow (default {@code r3d-10})
 * @param motionWidth its channel multiplier (default 1)
 * @param flow the optical-flow solver: {@code tvl1} (default, the paper's), {@code dis} or {@code farneback}
 * @param flowSize side of the square flow maps the Motion pathway reads, resampled from the flow computed on the
 *     clips' {@code data.size} frames (default: {@code data.size})
 * @param flowBound flow in pixels of the flow frames per clip step that maps to 1; larger values are clipped, as the
 *     two-stream literature's ±20 (default 20)
 */
public record ModistConfig(Double temperature, Integer queueSize, Double momentum, Integer projectionHidden,
        Integer projectionDim, Boolean shuffleKeys, Double visualWeight, Double motionWeight, Double crossWeight,
        String motionBackbone, Double motionWidth, String flow, Integer flowSize, Double flowBound)
        implements MethodConfig {
    /** Fills defaults and validates. */
    public ModistConfig {
        temperature = MomentumSettings.temperature(temperature, 0.2);
        queueSize = MomentumSettings.queueSize(queueSize);
        momentum = MomentumSettings.momentum(momentum);
        projectionHidden = MomentumSettings.projectionHidden(projectionHidden);
        projectionDim = MomentumSettings.projectionDim(projectionDim);
        shuffleKeys = shuffleKeys == null || shuffleKeys;
        visualWeight = RecipeValues.weight(visualWeight, "method.visualWeight");
        motionWeight = RecipeValues.weight(motionWeight, "method.motionWeight");
        crossWeight = RecipeValues.weight(crossWeight, "method.crossWeight");
        Ssl4jException.check(visualWeight + crossWeight > 0,
                "method.visualWeight and method.crossWeight are both 0: the Visual pathway would learn nothing");
        motionBackbone = motionBackbone == null ? "r3d-10" : motionBackbone;
        motionWidth = motionWidth == null ? 1.0 : motionWidth;
        Ssl4jException.check(motionWidth > 0, "method.motionWidth must be > 0: %s", motionWidth);
        flow = flow == null ? "tvl1" : flow;
        OpticalFlow.Method.parse(flow);
        Ssl4jException.check(flowSize == null || flowSize >= 8, "method.flowSize must be >= 8: %s", flowSize);
        flowBound = flowBound == null ? 20.0 : flowBound;
        Ssl4jException.check(flowBound > 0, "method.flowBound must be > 0: %s", flowBound);
    }

    /** The optical-flow solver. */
    public OpticalFlow.Method flowMethod() {
        return OpticalFlow.Method.parse(flow);
    }

    /** The flow maps' side given the clips' {@code size}. */
    public int flowSize(int size) {
        return flowSize == null ? size : flowSize;
    }
}
