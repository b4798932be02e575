package org.ssl4j.image.densecl;

import org.ssl4j.core.Ssl4jException;
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
 *     {@link org.ssl4j.image.moco.KeyShuffle})
 * @param lambda weight of the dense loss, {@code (1 - lambda) L_global + lambda L_dense} (default 0.5)
 * @param lambdaWarmupSteps steps over which the dense weight rises linearly from 0 to {@code lambda} (default 0: none)
 */
public record DenseClConfig(
        Double temperature, Integer queueSize, Double momentum, String momentumSchedule, Integer projectionHidden,
        Integer projectionDim, Boolean shuffleKeys, Double lambda, Integer lambdaWarmupSteps) implements MethodConfig {
    /** Fills defaults and validates. */
    public DenseClConfig {
        temperature = temperature == null ? 0.2 : temperature;
        Ssl4jException.check(temperature > 0, "method.temperature must be > 0: %s", temperature);
        queueSize = queueSize == null ? 65_536 : queueSize;
        Ssl4jException.check(queueSize >= 1, "method.queueSize must be >= 1: %s", queueSize);
        momentum = momentum == null ? 0.999 : momentum;
        Ssl4jException.check(momentum >= 0 && momentum <= 1, "method.momentum must be in [0, 1]: %s", momentum);
        momentumSchedule = momentumSchedule == null ? "constant" : momentumSchedule;
        Ssl4jException.check(momentumSchedule.equals("constant") || momentumSchedule.equals("cosine"),
                "method.momentumSchedule must be constant or cosine: %s", momentumSchedule);
        Ssl4jException.check(projectionHidden == null || projectionHidden >= 1,
                "method.projectionHidden must be >= 1: %s", projectionHidden);
        projectionDim = projectionDim == null ? 128 : projectionDim;
        Ssl4jException.check(projectionDim >= 1, "method.projectionDim must be >= 1: %s", projectionDim);
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
