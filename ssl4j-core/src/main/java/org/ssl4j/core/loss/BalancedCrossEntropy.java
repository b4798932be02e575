package org.ssl4j.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.ssl4j.core.tensor.Tensors;

/**
 * Softmax cross-entropy on pseudo-labels with each sample weighted by the inverse size of its cluster, so that every
 * cluster weighs the same however the clustering split the data: the loss-side equivalent of DeepCluster's uniform
 * sampling over clusters (Caron et al. 2018, Sec. 3.4, "avoiding trivial solutions"), which XDC inherits. With
 * {@code N} samples in {@code k'} non-empty clusters, a sample of a cluster of size {@code n_c} weighs
 * {@code N / (k' n_c)} (1 for balanced clusters), and the loss is {@code -sum_i w_i log softmax(z_i)[y_i] / B} over
 * the batch.
 */
public final class BalancedCrossEntropy {
    private BalancedCrossEntropy() {}

    /**
     * The weight of each cluster, {@code N / (k' n_c)}, from the cluster of every sample of the dataset (0 for an
     * empty cluster).
     */
    public static float[] clusterWeights(int[] clusters, int k) {
        int[] sizes = new int[k];
        for (int c : clusters) {
            sizes[c]++;
        }
        int nonEmpty = 0;
        for (int size : sizes) {
            nonEmpty += size > 0 ? 1 : 0;
        }
        float[] out = new float[k];
        for (int c = 0; c < k; c++) {
            out[c] = sizes[c] == 0 ? 0 : (float) clusters.length / (nonEmpty * sizes[c]);
        }
        return out;
    }

    /**
     * The loss of {@code logits} {@code (B, k)} against {@code targets}, each sample weighted by
     * {@code weights[targets[i]]}, averaged over the batch.
     */
    public static NDArray compute(NDArray logits, int[] targets, float[] weights) {
        Tensors.checkRank(logits, 2, "logits");
        int k = (int) logits.getShape().get(1);
        if (targets.length != logits.getShape().get(0)) {
            throw new IllegalArgumentException("got " + targets.length + " targets for " + logits.getShape().get(0)
                    + " rows of logits");
        }
        float[] perSample = new float[targets.length];
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || targets[i] >= k) {
                throw new IllegalArgumentException("target " + targets[i] + " is not one of " + k + " classes");
            }
            perSample[i] = weights[targets[i]];
        }
        NDArray picked = Tensors.indices(logits.getManager(), targets).oneHot(k).toType(logits.getDataType(), false)
                .mul(logits.logSoftmax(1)).sum(new int[] {1}); // (B): log p of the target
        NDArray w = logits.getManager().create(perSample).toType(logits.getDataType(), false);
        return picked.mul(w).sum().neg().div(targets.length);
    }
}
