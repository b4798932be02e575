package org.ssl4j.core.optim;

import ai.djl.ndarray.NDArray;

/**
 * Stochastic gradient descent with heavy-ball momentum and L2 weight decay, as {@code torch.optim.SGD}:
 *
 * <pre>
 *   g <- g + wd * w;   b <- mu * b + g;   w <- w - lr * b
 * </pre>
 */
public final class SgdMomentum extends StatefulOptimizer {
    private final float momentum;

    private SgdMomentum(Builder builder) {
        super(builder);
        this.momentum = builder.momentum;
    }

    /** Starts a builder (momentum 0.9). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Settings settings = settingsFor(parameterId, weight);
        float wd = settings.weightDecay();
        NDArray g = wd > 0 ? grad.add(weight.mul(wd)) : grad;
        NDArray buffer = slot(parameterId, "momentum", weight);
        scope(weight, buffer);
        buffer.muli(momentum).addi(g);
        weight.subi(buffer.mul(settings.learningRate()));
    }

    /** Builds an {@link SgdMomentum}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private float momentum = 0.9f;

        private Builder() {}

        /** Momentum in [0, 1). */
        public Builder optMomentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Validates and builds. */
        public SgdMomentum build() {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1): " + momentum);
            }
            return new SgdMomentum(this);
        }
    }
}
