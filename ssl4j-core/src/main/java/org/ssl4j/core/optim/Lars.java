package org.ssl4j.core.optim;

import ai.djl.ndarray.NDArray;

/**
 * LARS (You, Gitman, Ginsburg 2017) as in SimCLR's official optimiser (classic momentum, no Nesterov): for each
 * parameter whose group adapts it,
 *
 * <pre>
 *   g <- g + wd * w
 *   trust = eta * ||w|| / ||g||   if ||w|| > 0 and ||g|| > 0, else 1
 *   v <- mu * v + lr * trust * g;   w <- w - v
 * </pre>
 *
 * Biases and normalisation parameters are neither adapted nor decayed by default ({@link ParameterGroup}), as SimCLR
 * excludes {@code batch_normalization} and {@code bias} from both.
 */
public final class Lars extends StatefulOptimizer {
    private final float momentum;
    private final float trustCoefficient;

    private Lars(Builder builder) {
        super(builder);
        this.momentum = builder.momentum;
        this.trustCoefficient = builder.trustCoefficient;
    }

    /** Starts a builder with SimCLR's defaults (momentum 0.9, eta 0.001). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Settings settings = settingsFor(parameterId, weight);
        NDArray g = settings.weightDecay() > 0 ? grad.add(weight.mul(settings.weightDecay())) : grad;
        float trust = 1f;
        if (settings.adapt()) {
            double wNorm = Math.sqrt(weight.square().sum().getFloat());
            double gNorm = Math.sqrt(g.square().sum().getFloat());
            if (wNorm > 0 && gNorm > 0) {
                trust = (float) (trustCoefficient * wNorm / gNorm);
            }
        }
        NDArray velocity = slot(parameterId, "momentum", weight);
        scope(weight, velocity);
        velocity.muli(momentum).addi(g.mul(settings.learningRate() * trust));
        weight.subi(velocity);
    }

    /** Builds a {@link Lars}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private float momentum = 0.9f;
        private float trustCoefficient = 0.001f;

        private Builder() {}

        /** Momentum in [0, 1). */
        public Builder optMomentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        /** The trust coefficient eta &gt; 0. */
        public Builder optTrustCoefficient(float trustCoefficient) {
            this.trustCoefficient = trustCoefficient;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Validates and builds. */
        public Lars build() {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1): " + momentum);
            }
            if (!(trustCoefficient > 0)) {
                throw new IllegalArgumentException("trust coefficient must be > 0: " + trustCoefficient);
            }
            return new Lars(this);
        }
    }
}
