package org.ssl4j.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.ssl4j.core.tensor.Tensors;

/**
 * DenseCL's dense contrastive loss (Wang et al. 2021, eq. 2): InfoNCE for every cell of the query view's dense grid,
 * whose positive is the key grid's vector at the cell {@link DenseCorrespondence} matched to it and whose negatives are
 * the dense queue; averaged over all {@code B * S} cells as the official code does.
 */
public final class DenseInfoNceLoss {
    private final float temperature;

    /**
     * @param temperature tau &gt; 0 (DenseCL: 0.2, as MoCo v2)
     */
    public DenseInfoNceLoss(float temperature) {
        this.temperature = InfoNceLoss.checkTemperature(temperature);
    }

    /**
     * Computes the loss.
     *
     * @param queryGrid query dense projections {@code (B, D, S)}, raw (normalised here)
     * @param keyGrid key dense projections {@code (B, D, S)}, detached
     * @param matches the key cell of each query cell {@code (B, S)}
     * @param negatives dense negatives as unit columns {@code (D, K)}
     * @return the scalar mean over cells
     */
    public NDArray compute(NDArray queryGrid, NDArray keyGrid, NDArray matches, NDArray negatives) {
        Tensors.checkRank(queryGrid, 3, "queryGrid");
        if (!queryGrid.getShape().equals(keyGrid.getShape())) {
            throw new IllegalArgumentException("query and key grids must have the same shape: "
                    + queryGrid.getShape() + " vs " + keyGrid.getShape());
        }
        // The logits are (B, S, 1 + K), the negatives' as one matrix product.
        NDArray scaled = Tensors.l2Normalize(queryGrid, 1, temperature); // q / tau
        NDArray positives = Tensors.l2Normalize(DenseCorrespondence.gather(keyGrid, matches), 1); // (B, D, S)
        NDArray positive = scaled.mul(positives).sum(new int[] {1}).expandDims(2); // (B, S, 1)
        Shape shape = scaled.getShape(); // one (B * S, D) x (D, K) product, faster than a batched one on the CPU
        NDArray negative = scaled.transpose(0, 2, 1).reshape(-1, shape.get(1)).matMul(negatives)
                .reshape(shape.get(0), shape.get(2), -1); // (B, S, K)
        return InfoNceLoss.crossEntropyAtPositive(positive, negative, 2);
    }
}
