package org.ssl4j.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.ssl4j.core.tensor.Tensors;

/**
 * DenseCL's cross-view correspondence (Wang et al. 2021, section 3.3, eq. 3): each cell of the query view's backbone
 * feature map is matched to the cell of the key view's map with the highest cosine similarity. The official code
 * matches on the backbone's maps, not on the projected dense grid, and so does this.
 */
public final class DenseCorrespondence {
    private DenseCorrespondence() {}

    /**
     * The matching key cell of every query cell.
     *
     * @param queryFeatures the query view's backbone features {@code (B, C, S)}
     * @param keyFeatures the key view's backbone features {@code (B, C, S)}
     * @return indices into the key cells {@code (B, S)}, int64, without gradient
     */
    public static NDArray match(NDArray queryFeatures, NDArray keyFeatures) {
        Tensors.checkRank(queryFeatures, 3, "queryFeatures");
        Tensors.checkRank(keyFeatures, 3, "keyFeatures");
        if (!queryFeatures.getShape().equals(keyFeatures.getShape())) {
            throw new IllegalArgumentException("query and key features must have the same shape: "
                    + queryFeatures.getShape() + " vs " + keyFeatures.getShape());
        }
        // A query cell's own norm scales its whole row of similarities, so it cannot move the row's argmax:
        // normalising the key cells alone gives the cosine ranking.
        NDArray k = Tensors.l2Normalize(keyFeatures.stopGradient(), 1); // (B, C, S)
        return queryFeatures.stopGradient().transpose(0, 2, 1).matMul(k).argMax(2); // (B, S_query, S_key) -> (B, S)
    }

    /**
     * The key grid's vectors at the matched cells.
     *
     * @param keyGrid key vectors {@code (B, D, S)}
     * @param matches {@link #match}'s indices {@code (B, S)}
     * @return {@code out[b, :, s] = keyGrid[b, :, matches[b, s]]}, {@code (B, D, S)}
     */
    public static NDArray gather(NDArray keyGrid, NDArray matches) {
        Tensors.checkRank(keyGrid, 3, "keyGrid");
        Shape shape = keyGrid.getShape();
        return keyGrid.gather(matches.expandDims(1).broadcast(shape), 2);
    }
}
