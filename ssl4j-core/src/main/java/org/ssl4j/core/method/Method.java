package org.ssl4j.core.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import org.ssl4j.core.nn.Backbone;

/**
 * A self-supervised method: it owns its blocks (encoder, heads, momentum copies), and turns a batch of views into a
 * loss. The {@link org.ssl4j.core.train.Pretrainer} calls {@link #loss} inside the gradient collector and the step's
 * scope, then steps the optimiser over {@link #parameters()}, then calls {@link #afterStep} outside autograd.
 */
public interface Method {
    /** The registry name, e.g. {@code simclr}. */
    String name();

    /** The encoder that is evaluated and exported. */
    Backbone encoder();

    /**
     * Initialises every block's parameters on {@code manager}, which must outlive training.
     *
     * @param manager the long-lived model manager
     * @param viewShape the shape of one batch of views, {@code (B, C, H, W)}
     */
    void initialize(NDManager manager, Shape viewShape);

    /** The trainable parameters, with names unique within the method (stable across runs, for checkpoints). */
    PairList<String, Parameter> parameters();

    /**
     * The scalar loss of one batch, computed in training mode.
     *
     * @param batch the views, attached to {@code step}
     * @param step the step's manager; every temporary must be attached to it
     */
    NDArray loss(Batch batch, NDManager step);

    /** What must happen after the optimiser step and outside autograd (EMA updates, enqueueing). Default: nothing. */
    default void afterStep(NDManager step) {}
}
