package org.ssl4j.core.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.Map;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.nn.Backbone;

/**
 * A self-supervised method: it owns its blocks (encoder, heads, momentum copies), and turns a batch of views into a
 * loss. The {@link org.ssl4j.core.train.Pretrainer} calls {@link #beforeStep} in the step's scope, {@link #loss}
 * inside the gradient collector, then steps the optimiser over {@link #parameters()}, then calls {@link #afterStep}
 * outside autograd.
 */
public interface Method {
    /** The registry name, e.g. {@code simclr}. */
    String name();

    /** The encoder that is evaluated and exported. */
    Backbone encoder();

    /**
     * Called once before {@link #initialize} with the dataset the run trains on and the steps of an epoch, for
     * methods whose targets come from the whole training set (XDC's clusters, recomputed every epoch). The default
     * ignores it.
     */
    default void bindTrainingData(Dataset train, int stepsPerEpoch) {}

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
     * Every array a checkpoint must hold to resume this method exactly, by stable name: all parameters of all its
     * blocks, trained or not (batch-norm statistics, momentum copies), and state such as a negative queue. The arrays
     * are the live ones; a resume overwrites them in place.
     */
    Map<String, NDArray> stateArrays();

    /** Whole-number state beside the arrays (such as a queue's write position), by stable name. Default: none. */
    default Map<String, Long> stateCounters() {
        return Map.of();
    }

    /** Restores what {@link #stateCounters} returned when the checkpoint was written. Default: nothing to do. */
    default void restoreCounters(Map<String, Long> counters) {}

    /**
     * What must happen before the step's loss and outside autograd, such as XDC's first clustering (deferred to here
     * so that a resumed run keeps its restored clusters instead of computing them again). Default: nothing.
     *
     * @param scope the step's manager
     * @param step the zero-based step about to be taken
     */
    default void beforeStep(NDManager scope, long step) {}

    /**
     * The scalar loss of one batch, computed in training mode.
     *
     * @param batch the views, attached to {@code step}
     * @param step the step's manager; every temporary must be attached to it
     */
    NDArray loss(Batch batch, NDManager step);

    /**
     * The encoder's features {@code (B, D)} of the first view in the last {@link #loss} call, detached, for the online
     * linear probe; {@code null} if the method has none. Valid until the step's scope closes.
     */
    default NDArray probeFeatures() {
        return null;
    }

    /**
     * What must happen after the optimiser step and outside autograd (EMA updates, enqueueing). Default: nothing.
     *
     * @param scope the step's manager
     * @param step the zero-based step just taken
     * @param totalSteps the length of the run (for momentum schedules)
     */
    default void afterStep(NDManager scope, long step, long totalSteps) {}
}
