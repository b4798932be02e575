package org.ssl4j.image.densecl;

import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.momentum.MomentumSettings;
import org.ssl4j.core.recipe.MethodConfig;

/**
 * DenseCL settings (Wang et al. 2021); defaults are the paper's ImageNet values, on top of MoCo v2's.
 *
 * @param temperature InfoNCE tau of both losses (default 0.2)
 * @param queueSize {@code K} of each of the two queues, global and dense (default 65,536); at least the batch size
 * @param momentum key-encoder momentum {@code m} (default 0.999)
 * @param momentumSchedule {@code constant} (default) or {@code cosine}, raising {@code m} to 1 over the run
 * @param projectionHidden hidden width of both neck branches (default: the backbone's feature width)
 * @param projectionDim output width of both neck branches (default 128)
 * @param shuffleKeys MoCo's shuffling batch norm for the key batch (default true; see
 *     {@link org.ssl4j.core.momentum.KeyShuffle})
 * @param lambda weight of the dense loss, {@code (1 - lambda) L_global + lambda L_dense} (default 0.5)
 * @param lambdaWarmupSteps steps over which the dense weight rises linearly from 0 to {@code lambda} (default 0: none)
 */
public record DenseClConfig(
        Double temperature, Integer queueSize, Double momentum, String momentumSchedule, Integer projectionHidden,
        Integer projectionDim, Boolean shuffleKeys, Double lambda, Integer lambdaWarmupSteps) implements MethodConfig {
    /** Fills defaults and validates. */
    public DenseClConfig {
        temperature = MomentumSettings.temperature(temperature);
        queueSize = MomentumSettings.queueSize(queueSize);
        momentum = MomentumSettings.momentum(momentum);
        momentumSchedule = MomentumSettings.momentumSchedule(momentumSchedule);
        projectionHidden = MomentumSettings.projectionHidden(projectionHidden);
        projectionDim = MomentumSettings.projectionDim(projectionDim);
        shuffleKeys = shuffleKeys == null || shuffleKeys;
        lambda = lambda == null ? 0.5 : lambda;
        Ssl4jException.check(lambda >= 0 && lambda <= 1, "method.lambda must be in [0, 1]: %s", lambda);
        lambdaWarmupSteps = lambdaWarmupSteps == null ? 0 : lambdaWarmupSteps;
        Ssl4jException.check(lambdaWarmupSteps >= 0, "method.lambdaWarmupSteps must be >= 0: %s", lambdaWarmupSteps);
    }

    /** The dense loss weight at zero-based {@code step}. */
    public float lambdaAt(long step) {
        if (lambdaWarmupSteps == 0 || step >= lambdaWarmupSteps) {
            return lambda.floatValue();
        }
        return (float) (lambda * step / lambdaWarmupSteps);
    }
}
