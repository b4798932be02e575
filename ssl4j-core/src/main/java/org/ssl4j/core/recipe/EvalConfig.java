package org.ssl4j.core.recipe;

import org.ssl4j.core.Ssl4jException;

/**
 * Evaluation protocol settings.
 *
 * @param knn weighted kNN settings
 * @param linear linear-probe settings
 */
public record EvalConfig(Knn knn, Linear linear) {
    /** Fills defaults. */
    public EvalConfig {
        knn = knn == null ? new Knn(null, null) : knn;
        linear = linear == null ? new Linear(null, null) : linear;
    }

    /**
     * Weighted kNN on L2-normalised features (Wu et al. 2018, InstDisc).
     *
     * @param k neighbours (default 20)
     * @param temperature vote weight {@code exp(sim / temperature)} (default 0.1)
     */
    public record Knn(Integer k, Double temperature) {
        /** Fills defaults and validates. */
        public Knn {
            k = k == null ? 20 : k;
            Ssl4jException.check(k >= 1, "eval.knn.k must be >= 1: %s", k);
            temperature = temperature == null ? 0.1 : temperature;
            Ssl4jException.check(temperature > 0, "eval.knn.temperature must be > 0: %s", temperature);
        }
    }

    /**
     * Multinomial logistic regression on standardised frozen features, full batch, minimised by L-BFGS.
     *
     * @param maxIterations L-BFGS iteration cap (default 1000); it stops earlier at convergence
     * @param weightDecay L2 penalty on the weights (default 1e-4)
     */
    public record Linear(Integer maxIterations, Double weightDecay) {
        /** Fills defaults and validates. */
        public Linear {
            maxIterations = maxIterations == null ? 1000 : maxIterations;
            Ssl4jException.check(maxIterations >= 1, "eval.linear.maxIterations must be >= 1: %s", maxIterations);
            weightDecay = weightDecay == null ? 1e-4 : weightDecay;
            Ssl4jException.check(weightDecay >= 0, "eval.linear.weightDecay must be >= 0: %s", weightDecay);
        }
    }
}
