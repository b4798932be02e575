package org.ssl4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * An encoder that maps a batch of inputs to pooled feature vectors {@code (B, D)}: the network that self-supervised
 * methods train and that evaluators and exports use.
 */
public interface Backbone extends Block {
    /** The width {@code D} of the pooled features. */
    int numFeatures();

    /**
     * The feature map before global pooling, {@code (B, D, h, w)} ({@code (B, D, t, h, w)} for video): what dense
     * methods (DenseCL) contrast cell by cell and dense probes classify. Its mean over the cells is the pooled feature
     * vector {@link #forward} returns.
     *
     * @param input a batch of inputs {@code (B, C, H, W)}, or clips {@code (B, C, T, H, W)}
     * @param training batch norm on batch statistics (and updating its running ones) when true
     */
    NDArray denseFeatures(ParameterStore parameterStore, NDArray input, boolean training);
}
