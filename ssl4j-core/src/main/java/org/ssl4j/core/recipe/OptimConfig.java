package org.ssl4j.core.recipe;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.ssl4j.core.Ssl4jException;

/**
 * Optimiser and learning-rate schedule: linear warm-up then cosine decay to zero (SimCLR appendix B.1).
 *
 * @param name {@code adamw} (default), {@code sgd} (with momentum) or {@code lars} (SimCLR's large-batch optimiser)
 * @param lr peak learning rate (default 1e-3)
 * @param weightDecay decoupled (AdamW) or L2 (SGD) weight decay, not applied to biases and norm parameters (default 1e-6)
 * @param momentum SGD and LARS momentum (default 0.9)
 * @param beta1 AdamW first-moment decay (default 0.9)
 * @param beta2 AdamW second-moment decay (default 0.999)
 * @param warmupEpochs epochs of linear warm-up (default 10, as SimCLR)
 * @param maxGradNorm ceiling on the global gradient L2 norm, larger gradients are scaled down to it (default 0: off)
 * @param trustCoefficient LARS eta (default 0.001, SimCLR's)
 * @param groups per-parameter settings by name pattern, first match wins (default none: the rank rule, see
 *     {@link org.ssl4j.core.optim.ParameterGroup})
 */
public record OptimConfig(
        String name, Double lr, Double weightDecay, Double momentum, Double beta1, Double beta2, Double warmupEpochs,
        Double maxGradNorm, Double trustCoefficient, List<Group> groups) {
    /**
     * Settings for the parameters whose names match {@code match} (a Java regular expression over the whole name,
     * e.g. {@code "head\..*"}).
     *
     * @param match the pattern
     * @param lrScale learning-rate multiplier (default 1)
     * @param weightDecay weight decay (default: the rank rule with {@code optim.weightDecay})
     * @param adapt whether LARS adapts the step (default: the rank rule)
     */
    public record Group(String match, Double lrScale, Double weightDecay, Boolean adapt) {
        /** Fills defaults and validates. */
        public Group {
            Ssl4jException.check(match != null, "optim.groups[].match is required");
            try {
                Pattern.compile(match);
            } catch (PatternSyntaxException e) {
                throw new Ssl4jException("optim.groups[].match is not a valid regular expression: " + match);
            }
            lrScale = lrScale == null ? 1.0 : lrScale;
            Ssl4jException.check(lrScale >= 0, "optim.groups[].lrScale must be >= 0: %s", lrScale);
            Ssl4jException.check(weightDecay == null || weightDecay >= 0,
                    "optim.groups[].weightDecay must be >= 0: %s", weightDecay);
        }
    }

    /** Fills defaults and validates. */
    public OptimConfig {
        name = name == null ? "adamw" : name;
        Ssl4jException.check(name.equals("adamw") || name.equals("sgd") || name.equals("lars"),
                "optim.name must be adamw, sgd or lars: %s", name);
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
        trustCoefficient = trustCoefficient == null ? 0.001 : trustCoefficient;
        Ssl4jException.check(trustCoefficient > 0, "optim.trustCoefficient must be > 0: %s", trustCoefficient);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
