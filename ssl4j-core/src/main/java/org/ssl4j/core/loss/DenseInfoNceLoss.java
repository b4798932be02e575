package org.ssl4j.core.loss;

import ai.djl.ndarray.NDArray;
import org.ssl4j.core.tensor.Tensors;

/**
 * DenseCL's dense contrastive loss (Wang et al. 2021, eq. 2): InfoNCE for every cell of the query view's dense grid,
 * whose positive is the key grid's vector at the cell {@link DenseCorrespondence} matched to it and whose negatives are
 * the dense queue; averaged over all {@code B * S} cells as the official code does.
 */
public final class DenseInfoNceLoss {
    private final InfoNceLoss cellLoss;

    /**
     * @param temperature tau &gt; 0 (DenseCL: 0.2, as MoCo v2)
     */
    public DenseInfoNceLoss(float temperature) {
        this.cellLoss = new InfoNceLoss(temperature);
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
        long dim = queryGrid.getShape().get(1);
        NDArray positives = DenseCorrespondence.gather(keyGrid, matches); // (B, D, S)
        NDArray q = queryGrid.transpose(0, 2, 1).reshape(-1, dim); // (B * S, D)
        NDArray k = positives.transpose(0, 2, 1).reshape(-1, dim); // (B * S, D)
        return cellLoss.compute(q, k, negatives);
    }
}
