package org.ssl4j.core.nn;

import ai.djl.nn.Block;

/**
 * An encoder that maps a batch of inputs to pooled feature vectors {@code (B, D)}: the network that self-supervised
 * methods train and that evaluators and exports use.
 */
public interface Backbone extends Block {
    /** The width {@code D} of the pooled features. */
    int numFeatures();
}
