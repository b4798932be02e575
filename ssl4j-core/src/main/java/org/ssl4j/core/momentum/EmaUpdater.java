package org.ssl4j.core.momentum;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a momentum (target) copy of an online network, MoCo eq. 2 (He et al. 2020):
 * {@code theta_k <- m theta_k + (1 - m) theta_q}, applied to every learnable parameter; the target's batch-norm
 * running statistics are its own, as in the official code. Runs outside autograd, in place.
 */
public final class EmaUpdater {
    private final List<NDArray[]> pairs = new ArrayList<>();

    /**
     * Pairs the parameters of two initialised blocks of the same architecture by name and freezes the target's.
     *
     * @param online the network trained by gradient
     * @param target its momentum copy
     */
    public EmaUpdater(Block online, Block target) {
        PairList<String, Parameter> from = online.getParameters();
        PairList<String, Parameter> to = target.getParameters();
        if (from.size() != to.size()) {
            throw new IllegalArgumentException("online and target differ: " + from.size() + " vs " + to.size()
                    + " parameters");
        }
        for (int i = 0; i < from.size(); i++) {
            Pair<String, Parameter> q = from.get(i);
            Pair<String, Parameter> k = to.get(i);
            if (!q.getKey().equals(k.getKey()) || !q.getValue().getArray().getShape().equals(
                    k.getValue().getArray().getShape())) {
                throw new IllegalArgumentException("online and target differ at " + q.getKey() + " / " + k.getKey());
            }
            if (q.getValue().requiresGradient()) {
                k.getValue().freeze(true);
                pairs.add(new NDArray[] {q.getValue().getArray(), k.getValue().getArray()});
            }
        }
    }

    /** Makes the target an exact copy of the online network (MoCo initialises the key encoder so). */
    public void copy() {
        update(0f);
    }

    /**
     * One momentum update.
     *
     * @param momentum {@code m} in [0, 1]; 0 copies, 1 leaves the target unchanged
     */
    public void update(float momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1]: " + momentum);
        }
        for (NDArray[] pair : pairs) {
            try (NDArray scaled = pair[0].mul(1f - momentum)) {
                pair[1].muli(momentum).addi(scaled);
            }
        }
    }

    /**
     * The momentum at {@code step} of {@code totalSteps}: constant {@code base}, or with {@code cosine} rising from
     * {@code base} to 1 as {@code 1 - (1 - base)(cos(pi step / total) + 1) / 2} (BYOL, Grill et al. 2020).
     */
    public static float momentumAt(float base, boolean cosine, long step, long totalSteps) {
        if (!cosine) {
            return base;
        }
        double progress = Math.min(1.0, (double) step / Math.max(1, totalSteps));
        return (float) (1 - (1 - base) * (Math.cos(Math.PI * progress) + 1) / 2);
    }
}
