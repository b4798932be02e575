package org.ssl4j.core.momentum;

import ai.djl.ndarray.NDArray;
import org.ssl4j.core.data.BatchLoader;
import org.ssl4j.core.tensor.Tensors;

/**
 * MoCo's shuffling batch norm on one device (He et al. 2020, section 3.3): the key batch is permuted before the key
 * encoder and every key output is put back in order after it, so that with split batch norm a query and its key are
 * normalised with different samples. The identity when shuffling is off.
 */
public final class KeyShuffle {
    private final int[] order;
    private final int[] inverse;

    private KeyShuffle(int[] order) {
        this.order = order;
        if (order == null) {
            this.inverse = null;
            return;
        }
        this.inverse = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            inverse[order[i]] = i;
        }
    }

    /**
     * A permutation of {@code n} keys drawn from {@code seed} (so a resumed step redraws it), or the identity if
     * {@code enabled} is false.
     */
    public static KeyShuffle of(boolean enabled, int n, long seed) {
        return new KeyShuffle(enabled ? BatchLoader.permutation(n, seed) : null);
    }

    /** The batch {@code (N, ...)} in shuffled order. */
    public NDArray shuffle(NDArray batch) {
        return order == null ? batch : batch.get(Tensors.indices(batch.getManager(), order));
    }

    /** Outputs {@code (N, ...)} of the shuffled batch, back in the original order. */
    public NDArray restore(NDArray outputs) {
        return inverse == null ? outputs : outputs.get(Tensors.indices(outputs.getManager(), inverse));
    }
}
