package org.ssl4j.video.method.modist;

import ai.djl.ndarray.NDArray;
import org.ssl4j.core.loss.InfoNceLoss;

/**
 * MoDist's objective (Xiao et al. 2021, "MoDist: Motion distillation for self-supervised video representation
 * learning"): the weighted sum of four MoCo InfoNCE terms (MoCo eq. 1) over the Visual pathway's queries {@code v}
 * and keys {@code v'}, and the Motion pathway's {@code m} and {@code m'}, each term against its key's queue:
 *
 * <pre>
 *   L = wv * NCE(v, v', Q_v) + wm * NCE(m, m', Q_m) + wx * (NCE(v, m', Q_m) + NCE(m, v', Q_v))
 * </pre>
 *
 * The two cross-modal terms (weight {@code wx}) are the distillation: a clip's visual embedding must pick out its
 * video's motion embedding among the queued motion embeddings of other videos, and the reverse. A term of weight 0
 * is not computed.
 */
public final class ModistLoss {
    private final InfoNceLoss nce;
    private final float visualWeight;
    private final float motionWeight;
    private final float crossWeight;

    /**
     * @param temperature tau of every term
     * @param visualWeight {@code wv}
     * @param motionWeight {@code wm}
     * @param crossWeight {@code wx}
     */
    public ModistLoss(double temperature, double visualWeight, double motionWeight, double crossWeight) {
        this.nce = new InfoNceLoss((float) temperature);
        this.visualWeight = (float) visualWeight;
        this.motionWeight = (float) motionWeight;
        this.crossWeight = (float) crossWeight;
    }

    /**
     * The loss, averaged over the batch. Queries and keys are {@code (N, D)} raw projections, queues {@code (D, K)}
     * unit columns, as {@link InfoNceLoss#compute} takes them.
     *
     * @param m the Motion pathway's queries, or null without a Motion pathway (then only the visual term counts, and
     *     {@code motionKeys} and {@code motionQueue} are ignored)
     */
    public NDArray compute(NDArray v, NDArray visualKeys, NDArray visualQueue, NDArray m, NDArray motionKeys,
            NDArray motionQueue) {
        NDArray total = null;
        if (visualWeight > 0) {
            total = add(total, nce.compute(v, visualKeys, visualQueue), visualWeight);
        }
        if (m != null && motionWeight > 0) {
            total = add(total, nce.compute(m, motionKeys, motionQueue), motionWeight);
        }
        if (m != null && crossWeight > 0) {
            total = add(total, nce.compute(v, motionKeys, motionQueue), crossWeight);
            total = add(total, nce.compute(m, visualKeys, visualQueue), crossWeight);
        }
        if (total == null) {
            throw new IllegalStateException("every MoDist term weighs 0");
        }
        return total;
    }

    private static NDArray add(NDArray total, NDArray term, float weight) {
        NDArray weighted = term.mul(weight);
        return total == null ? weighted : total.add(weighted);
    }
}
