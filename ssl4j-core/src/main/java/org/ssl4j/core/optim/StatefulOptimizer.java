package org.ssl4j.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssl4j.core.tensor.Tensors;

/**
 * Base of ssl4j's optimisers, on DJL's {@link Optimizer}: the learning rate is set by the training loop from its
 * schedule each step (so the schedule position lives in one place), and every state array is kept in a named map so
 * that checkpoints can save and restore it exactly (DJL's built-in optimisers keep theirs private).
 *
 * <p>Per-parameter settings come from {@link ParameterGroup}s; by default weight decay applies only to parameters of
 * rank at least 2 (weights of linear and conv layers), never to biases or normalisation scales and shifts, as in
 * SimCLR and MoCo.
 */
public abstract class StatefulOptimizer extends Optimizer {
    private final Map<String, NDArray> state = new LinkedHashMap<>();
    private List<ParameterGroup> groups = List.of();
    private float learningRate;
    private long stepCount;
    private NDManager home;
    private float maxGradNorm;

    /** Creates the optimiser from a builder carrying weight decay, gradient rescale and clipping. */
    protected StatefulOptimizer(OptimizerBuilder<?> builder) {
        super(builder);
    }

    /** Sets the learning rate used by the next {@link #step}. */
    public final void setLearningRate(float learningRate) {
        this.learningRate = learningRate;
    }

    /**
     * Replaces the state with a checkpoint's (the arrays are taken over, not copied) and sets the step count, so the
     * next {@link #step} continues exactly where the checkpointed run left off.
     */
    public final void restoreState(Map<String, NDArray> arrays, long steps) {
        state.values().forEach(NDArray::close);
        state.clear();
        state.putAll(arrays);
        stepCount = steps;
    }

    /** Sets the parameter groups; the first group whose pattern matches a parameter's name applies to it. */
    public final void setGroups(List<ParameterGroup> groups) {
        this.groups = List.copyOf(groups);
    }

    /** What applies to one parameter in this step. */
    protected record Settings(float learningRate, float weightDecay, boolean adapt) {}

    /** The settings of parameter {@code parameterId}: its group's, or the default rule's by rank. */
    protected final Settings settingsFor(String parameterId, NDArray weight) {
        boolean matrix = weight.getShape().dimension() >= 2;
        for (ParameterGroup group : groups) {
            if (group.matches(parameterId)) {
                return new Settings(learningRate * group.lrScale(),
                        group.weightDecay() != null ? group.weightDecay() : matrix ? getWeightDecay() : 0f,
                        group.adapt() != null ? group.adapt() : matrix);
            }
        }
        return new Settings(learningRate, matrix ? getWeightDecay() : 0f, matrix);
    }

    /** Number of completed {@link #step} calls (Adam's bias correction uses it). */
    public final long stepCount() {
        return stepCount;
    }

    /** The named state arrays (for checkpoints); keys are {@code parameterName/slot}. */
    public final Map<String, NDArray> state() {
        return state;
    }

    /** A state slot, created as zeros like {@code weight} on the weight's long-lived manager on first use. */
    protected final NDArray slot(String parameterId, String slot, NDArray weight) {
        return state.computeIfAbsent(parameterId + "/" + slot, k -> {
            NDArray zeros = weight.zerosLike();
            zeros.attach(home);
            return zeros;
        });
    }

    /**
     * Sets a ceiling on the global L2 norm of the gradient (all parameters together): a larger gradient is scaled down
     * to it before the update, as {@code torch.nn.utils.clip_grad_norm_}; with Adam a single large gradient would
     * otherwise inflate the moment estimates for many steps. Zero (the default) disables clipping.
     */
    public final void setMaxGradNorm(float maxGradNorm) {
        if (!(maxGradNorm >= 0)) {
            throw new IllegalArgumentException("maxGradNorm must be >= 0: " + maxGradNorm);
        }
        this.maxGradNorm = maxGradNorm;
    }

    /**
     * Updates every parameter from its accumulated gradient, then zeroes the gradients.
     *
     * @param parameters the parameters to update, by unique name
     * @param step the step's manager: gradients and temporaries are attached to it and freed with it
     * @return the global L2 norm of the gradient before clipping
     */
    public final float step(PairList<String, Parameter> parameters, NDManager step) {
        stepCount++;
        NDList grads = new NDList(parameters.size());
        NDList squares = new NDList(parameters.size());
        for (Pair<String, Parameter> pair : parameters) {
            NDArray grad = pair.getValue().getArray().getGradient();
            grad.attach(step);
            grads.add(grad);
            squares.add(grad.square().sum());
        }
        float norm = (float) Math.sqrt(NDArrays.stack(squares).sum().getFloat()); // one sync for all parameters
        if (maxGradNorm > 0 && norm > maxGradNorm) {
            float scale = maxGradNorm / (norm + 1e-6f);
            for (NDArray grad : grads) {
                grad.muli(scale);
            }
        }
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getValue().getArray();
            home = weight.getManager();
            // Temporarily move the weight and its state into the step's scope so that every array derived from them
            // is freed with the step; they return to their own managers when the step closes.
            step.tempAttachAll(weight);
            update(parameters.get(i).getKey(), weight, grads.get(i));
            Tensors.zeroGradient(weight);
        }
        return norm;
    }

    /** Moves {@code arrays} into the scope of {@code weight}'s current manager for the duration of the update. */
    protected static void scope(NDArray weight, NDArray... arrays) {
        weight.getManager().tempAttachAll(arrays);
    }
}
