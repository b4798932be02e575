package org.ssl4j.core.loss;

import ai.djl.ndarray.NDArray;
import org.ssl4j.core.tensor.Tensors;

/**
 * InfoNCE with a bank of negatives, MoCo eq. 1 (He et al. 2020):
 *
 * <pre>
 *   L_q = -log( exp(q.k+ / tau) / (exp(q.k+ / tau) + sum_{k- in queue} exp(q.k- / tau)) )
 * </pre>
 *
 * computed as a (K + 1)-way cross-entropy whose target is index 0: logits {@code [q.k+, q.queue] / tau}. Queries and
 * keys are L2-normalised here, so callers pass raw projections; the negatives are unit columns {@code (D, K)}, as
 * {@link org.ssl4j.core.memory.NegativeQueue} keeps them (and as the official code's queue). Every array this
 * computes is derived from {@code q}, so it lives on {@code q}'s (the step's) manager even when the negatives live
 * on a long-lived one. The loss is averaged over the batch.
 */
public final class InfoNceLoss {
    private final float temperature;

    /**
     * @param temperature tau &gt; 0 (MoCo v1 0.07, v2 0.2)
     */
    public InfoNceLoss(float temperature) {
        this.temperature = checkTemperature(temperature);
    }

    /** Returns {@code temperature} if it is a finite tau &gt; 0, else throws. */
    static float checkTemperature(float temperature) {
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be > 0: " + temperature);
        }
        return temperature;
    }

    /** The temperature tau. */
    public float temperature() {
        return temperature;
    }

    /**
     * Computes the loss.
     *
     * @param q queries {@code (N, D)}
     * @param k positive keys {@code (N, D)}; row {@code i} is the positive of query {@code i} (usually detached)
     * @param negatives the negative keys as unit columns {@code (D, K)}
     * @return the scalar mean loss over the {@code N} queries
     */
    public NDArray compute(NDArray q, NDArray k, NDArray negatives) {
        check(q, k, negatives);
        NDArray scaled = Tensors.l2Normalize(q, 1, temperature); // q / tau: logits come out divided by tau
        return crossEntropyAtPositive(rowLogits(scaled, k), scaled.matMul(negatives), 1); // negatives (N, K)
    }

    /**
     * The loss with one more negative per query beside the bank, as DSM's logits
     * {@code [q.k+, q.n, q.queue] / tau} (Wang et al. 2021, "Enhancing unsupervised video representation learning by
     * decoupling the scene and the motion", the intra-video negative): a (K + 2)-way cross-entropy with target 0.
     *
     * @param q queries {@code (N, D)}
     * @param k positive keys {@code (N, D)}
     * @param sampleNegatives row {@code i} is a negative of query {@code i} alone {@code (N, D)}; gradients flow
     *     into it unless the caller detaches it
     * @param negatives the shared negatives as unit columns {@code (D, K)}
     * @return the scalar mean loss over the {@code N} queries
     */
    public NDArray compute(NDArray q, NDArray k, NDArray sampleNegatives, NDArray negatives) {
        check(q, k, negatives);
        if (!q.getShape().equals(sampleNegatives.getShape())) {
            throw new IllegalArgumentException("q and sampleNegatives must have the same shape: " + q.getShape()
                    + " vs " + sampleNegatives.getShape());
        }
        NDArray scaled = Tensors.l2Normalize(q, 1, temperature); // q / tau
        NDArray own = rowLogits(scaled, sampleNegatives); // (N, 1)
        return crossEntropyAtPositive(rowLogits(scaled, k), own.concat(scaled.matMul(negatives), 1), 1);
    }

    /**
     * The loss whose negatives of query {@code i} are the other rows' keys, plus optional shared ones: the
     * {@code N}-way (or {@code N + K}-way) cross-entropy of {@code [q.k_1, ..., q.k_N, q.extra] / tau} with target
     * {@code i}, as contrastive matching without a queue (context and motion decoupling's context matching between
     * clips and keyframes, and its pointwise motion prediction, Huang et al. 2021).
     *
     * @param q queries {@code (N, D)}
     * @param k keys {@code (N, D)}; row {@code i} is the positive of query {@code i} and a negative of every other
     * @param extraNegatives further negatives of every query {@code (K, D)}, or {@code null}; gradients flow into them
     * @return the scalar mean loss over the {@code N} queries
     */
    public NDArray computeInBatch(NDArray q, NDArray k, NDArray extraNegatives) {
        Tensors.checkRank(q, 2, "q");
        if (!q.getShape().equals(k.getShape())) {
            throw new IllegalArgumentException("q and k must have the same shape: " + q.getShape() + " vs "
                    + k.getShape());
        }
        NDArray scaled = Tensors.l2Normalize(q, 1, temperature); // q / tau
        NDArray units = Tensors.l2Normalize(k, 1);
        long n = q.getShape().get(0);
        // The diagonal is the positive; pushed to -inf among the negatives, where exp makes it 0.
        NDArray own = scaled.getManager().eye((int) n).mul(-1e9f);
        NDArray negatives = scaled.matMul(units.transpose()).add(own); // (N, N)
        if (extraNegatives != null) {
            if (extraNegatives.getShape().dimension() != 2 || extraNegatives.getShape().get(1) != q.getShape().get(1)) {
                throw new IllegalArgumentException("extraNegatives must be (K, " + q.getShape().get(1) + "), got "
                        + extraNegatives.getShape());
            }
            negatives = negatives.concat(scaled.matMul(Tensors.l2Normalize(extraNegatives, 1).transpose()), 1);
        }
        return crossEntropyAtPositive(rowLogits(scaled, k), negatives, 1);
    }

    /** Row-wise {@code scaled_i . unit(k_i)}, {@code (N, 1)}. */
    private static NDArray rowLogits(NDArray scaled, NDArray k) {
        return scaled.mul(Tensors.l2Normalize(k, 1)).sum(new int[] {1}, true);
    }

    private static void check(NDArray q, NDArray k, NDArray negatives) {
        Tensors.checkRank(q, 2, "q");
        Tensors.checkRank(k, 2, "k");
        Tensors.checkRank(negatives, 2, "negatives");
        if (!q.getShape().equals(k.getShape())) {
            throw new IllegalArgumentException("q and k must have the same shape: " + q.getShape() + " vs "
                    + k.getShape());
        }
        if (negatives.getShape().get(0) != q.getShape().get(1)) {
            throw new IllegalArgumentException("negatives must have " + q.getShape().get(1) + " rows (D, K), got shape "
                    + negatives.getShape());
        }
    }

    /**
     * The mean over the other axes of {@code -log softmax([positive, negatives])[0]} along {@code axis}, as
     * {@code logsumexp - positive} with the softmax's usual max shift. Written out rather than as
     * {@code logSoftmax} of a concatenation, which copies the logits, and then picks one column, whose backward
     * fills a zero array as large as the logits: DenseCL's dense loss has 8,192 such rows per step.
     *
     * @param positive logits of the positives, size 1 along {@code axis}
     * @param negatives logits of the negatives, size K along {@code axis}, the same shape otherwise
     * @param axis the class axis
     * @return the scalar mean loss
     */
    static NDArray crossEntropyAtPositive(NDArray positive, NDArray negatives, int axis) {
        int[] classes = {axis};
        NDArray shift = negatives.max(classes, true).maximum(positive).stopGradient(); // the largest logit
        NDArray sum = negatives.sub(shift).exp().sum(classes, true).add(positive.sub(shift).exp());
        return sum.log().add(shift).sub(positive).mean();
    }
}
