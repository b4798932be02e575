package org.ssl4j.rl.curl;

import ai.djl.ndarray.NDArray;

/**
 * CURL's contrastive loss (Laskin, Srinivas, Abbeel 2020, section 4.3): the similarity of an anchor and a key is the
 * bilinear form {@code q^T W k} with a learned {@code W}; with a batch of anchors {@code q_i} and keys {@code k_j}
 * from the same observations, {@code logits[i][j] = q_i^T W k_j}, the positives are the diagonal and every other key
 * of the batch is a negative, and the loss is the cross-entropy of each row against its diagonal
 * ({@code mean_i(logsumexp_j logits[i][j] - logits[i][i])}). As the official code, the row maximum is subtracted
 * first, which leaves the loss and its gradient unchanged and keeps the exponentials finite.
 */
public final class BilinearInfoNce {
    private BilinearInfoNce() {}

    /**
     * @param anchors {@code (B, D)} from the online encoder
     * @param keys {@code (B, D)} from the momentum encoder, row {@code i} the positive of anchor {@code i}
     * @param w {@code (D, D)}
     * @return the scalar loss
     */
    public static NDArray compute(NDArray anchors, NDArray keys, NDArray w) {
        NDArray logits = anchors.matMul(w).matMul(keys.transpose()); // (B, B); on the anchors' manager
        logits = logits.sub(logits.max(new int[] {1}, true).stopGradient());
        NDArray logSumExp = logits.exp().sum(new int[] {1}).log(); // (B)
        long batch = logits.getShape().get(0);
        NDArray eye = logits.getManager().eye((int) batch).toType(logits.getDataType(), false);
        NDArray diagonal = logits.mul(eye).sum(new int[] {1});
        return logSumExp.sub(diagonal).mean();
    }
}
