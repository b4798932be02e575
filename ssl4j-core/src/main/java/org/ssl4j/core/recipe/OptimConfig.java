package org.ssl4j.core.recipe;

import org.ssl4j.core.Ssl4jException;

/**
 * Optimiser and learning-rate schedule: linear warm-up then cosine decay to zero (SimCLR appendix B.1).
 *
 * @param name {@code adamw} (default) or {@code sgd} (with momentum)
 * @param lr peak learning rate (default 1e-3)
 * @param weightDecay decoupled (AdamW) or L2 (SGD) weight decay, not applied to biases and norm parameters (default 1e-6)
 * @param momentum SGD momentum (default 0.9)
 * @param beta1 AdamW first-moment decay (default 0.9)
 * @param beta2 AdamW second-moment decay (default 0.999)
 * @param warmupEpochs epochs of linear warm-up (default 10, as SimCLR)
 * @param maxGradNorm ceiling on the global gradient L2 norm, larger gradients are scaled down to it (default 0: off)
 */
public record OptimConfig(
        String name, Double lr, Double weightDecay, Double momentum, Double beta1, Double beta2, Double warmupEpochs,
        Double maxGradNorm) {
    /** Fills defaults and validates. */
    public OptimConfig {
        name = name == null ? "adamw" : name;
        Ssl4jException.check(name.equals("adamw") || name.equals("sgd"), "optim.name must be adamw or sgd: %s", name);
        lr = lr == null ? 1e-3 : lr;
        Ssl4jException.check(lr > 0, "optim.lr must be > 0: %s", lr);
        weightDecay = weightDecay == null ? 1e-6 : weightDecay;
        Ssl4jException.check(weightDecay >= 0, "optim.weightDecay must be >= 0: %s", weightDecay);
        momentum = momentum == null ? 0.9 : momentum;
        Ssl4jException.check(momentum >= 0 && momentum < 1, "optim.momentum must be in [0, 1): %s", momentum);
        beta1 = beta1 == null ? 0.9 : beta1;
        Ssl4jException.check(beta1 >= 0 && beta1 < 1, "optim.beta1 must be in [0, 1): %s", beta1);
        beta2 = beta2 == null ? 0.999 : beta2;
        Ssl4jException.check(beta2 >= 0 && beta2 < 1, "optim.beta2 must be in [0, 1): %s", beta2);
        warmupEpochs = warmupEpochs == null ? 10.0 : warmupEpochs;
        Ssl4jException.check(warmupEpochs >= 0, "optim.warmupEpochs must be >= 0: %s", warmupEpochs);
        maxGradNorm = maxGradNorm == null ? 0.0 : maxGradNorm;
        Ssl4jException.check(maxGradNorm >= 0, "optim.maxGradNorm must be >= 0 (0 turns clipping off): %s",
                maxGradNorm);
    }
}
