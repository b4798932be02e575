package org.ssl4j.core.loss;

import ai.djl.ndarray.NDArray;
import org.ssl4j.core.tensor.Tensors;

/**
 * The triplet margin loss on L2-normalised embeddings (Schroff et al. 2015, FaceNet eq. 1; DSM's triplet variant,
 * Wang et al. 2021, with margin 0.5):
 *
 * <pre>
 *   L = mean_i max(0, ||a_i - p_i||_2 - ||a_i - n_i||_2 + margin)
 * </pre>
 *
 * with {@code a}, {@code p}, {@code n} the unit-length anchor, positive and negative rows. Distances are taken as
 * {@code sqrt(||x - y||^2 + 1e-6)} as PyTorch's {@code TripletMarginLoss} adds its {@code eps}, so the gradient is
 * finite when two rows coincide.
 */
public final class TripletMarginLoss {
    private static final float EPS = 1e-6f;
    private final float margin;

    /**
     * @param margin the margin &gt;= 0 (DSM 0.5)
     */
    public TripletMarginLoss(float margin) {
        if (!(margin >= 0) || Float.isInfinite(margin)) {
            throw new IllegalArgumentException("margin must be >= 0: " + margin);
        }
        this.margin = margin;
    }

    /**
     * Computes the loss.
     *
     * @param anchors {@code (N, D)}
     * @param positives {@code (N, D)}; row {@code i} is the positive of anchor {@code i}
     * @param negatives {@code (N, D)}; row {@code i} is the negative of anchor {@code i}
     * @return the scalar mean over the {@code N} triplets
     */
    public NDArray compute(NDArray anchors, NDArray positives, NDArray negatives) {
        Tensors.checkRank(anchors, 2, "anchors");
        if (!anchors.getShape().equals(positives.getShape()) || !anchors.getShape().equals(negatives.getShape())) {
            throw new IllegalArgumentException("anchors, positives and negatives must have one shape: "
                    + anchors.getShape() + ", " + positives.getShape() + ", " + negatives.getShape());
        }
        NDArray a = Tensors.l2Normalize(anchors, 1);
        NDArray toPositive = distance(a, Tensors.l2Normalize(positives, 1)); // (N)
        NDArray toNegative = distance(a, Tensors.l2Normalize(negatives, 1)); // (N)
        return toPositive.sub(toNegative).add(margin).maximum(0f).mean();
    }

    /** Row-wise Euclidean distance {@code (N)}. */
    private static NDArray distance(NDArray x, NDArray y) {
        return x.sub(y).square().sum(new int[] {1}).add(EPS).sqrt();
    }
}
