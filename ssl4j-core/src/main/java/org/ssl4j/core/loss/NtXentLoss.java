package org.ssl4j.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ssl4j.core.tensor.Tensors;

/**
 * The normalised temperature-scaled cross-entropy loss of SimCLR (Chen et al. 2020, eq. 1).
 *
 * <p>For a batch of {@code N} pairs, the {@code 2N} projections {@code z} are L2-normalised and compared by cosine
 * similarity {@code s_ij = z_i . z_j / tau}. For each anchor {@code i} with positive {@code p(i)} (its other view):
 *
 * <pre>
 *   l_i = -log( exp(s_i,p(i)) / sum_{j != i} exp(s_ij) )
 * </pre>
 *
 * so each anchor sees one positive and {@code 2N - 2} negatives; the self-similarity {@code s_ii} is masked out. The
 * loss is the mean of {@code l_i} over all {@code 2N} anchors.
 */
public final class NtXentLoss {
    /** Added to masked logits; large enough that exp() underflows to zero, finite so gradients stay finite. */
    private static final float MASK = -1e9f;

    private final float temperature;

    /**
     * @param temperature tau &gt; 0 (SimCLR: 0.5 for CIFAR-10, 0.1 for ImageNet with large batches)
     */
    public NtXentLoss(float temperature) {
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be > 0: " + temperature);
        }
        this.temperature = temperature;
    }

    /** The temperature tau. */
    public float temperature() {
        return temperature;
    }

    /**
     * Computes the loss.
     *
     * @param z1 projections of the first views, {@code (N, D)}
     * @param z2 projections of the second views, {@code (N, D)}; row {@code i} is the positive of row {@code i} of z1
     * @return the scalar mean loss over the {@code 2N} anchors
     */
    public NDArray compute(NDArray z1, NDArray z2) {
        Tensors.checkRank(z1, 2, "z1");
        Tensors.checkRank(z2, 2, "z2");
        if (!z1.getShape().equals(z2.getShape())) {
            throw new IllegalArgumentException("z1 and z2 must have the same shape: " + z1.getShape() + " vs " + z2.getShape());
        }
        int n = Math.toIntExact(z1.getShape().get(0));
        if (n < 2) {
            throw new IllegalArgumentException("NT-Xent needs at least 2 pairs for negatives, got " + n);
        }
        NDManager manager = z1.getManager();
        NDArray z = Tensors.l2Normalize(z1.concat(z2, 0), 1); // (2N, D)
        NDArray logits = z.matMul(z.transpose()).div(Tensors.scalar(z, temperature)); // (2N, 2N)
        NDArray eye = manager.eye(2 * n).toType(z.getDataType(), false); // (2N, 2N)
        logits = logits.add(eye.mul(Tensors.scalar(eye, MASK))); // self-similarity masked
        NDArray logProb = logits.logSoftmax(1); // (2N, 2N)
        NDArray positives = positiveMask(manager, n).toType(z.getDataType(), false); // (2N, 2N), one-hot at p(i)
        return logProb.mul(positives).sum(new int[] {1}).mean().neg();
    }

    /** One-hot rows marking the positive of each anchor: {@code p(i) = i + N} for {@code i < N}, else {@code i - N}. */
    private static NDArray positiveMask(NDManager manager, int n) {
        float[] mask = new float[4 * n * n];
        for (int i = 0; i < 2 * n; i++) {
            int positive = i < n ? i + n : i - n;
            mask[i * 2 * n + positive] = 1f;
        }
        return Tensors.fromHeap(manager, mask, new Shape(2L * n, 2L * n));
    }
}
