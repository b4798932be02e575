package org.ssl4j.core.optim;

import ai.djl.ndarray.NDArray;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter 2019), as {@code torch.optim.AdamW}:
 *
 * <pre>
 *   w <- w - lr * wd * w
 *   m <- b1 m + (1 - b1) g;   v <- b2 v + (1 - b2) g^2
 *   w <- w - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 */
public final class AdamW extends StatefulOptimizer {
    private final float beta1;
    private final float beta2;
    private final float epsilon;

    private AdamW(Builder builder) {
        super(builder);
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.epsilon = builder.epsilon;
    }

    /** Starts a builder with PyTorch's defaults (0.9, 0.999, 1e-8). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Settings settings = settingsFor(parameterId, weight);
        float lr = settings.learningRate();
        float wd = settings.weightDecay();
        NDArray m = slot(parameterId, "m", weight);
        NDArray v = slot(parameterId, "v", weight);
        scope(weight, m, v);
        if (wd > 0) {
            weight.muli(1f - lr * wd);
        }
        m.muli(beta1).addi(grad.mul(1f - beta1));
        v.muli(beta2).addi(grad.square().muli(1f - beta2));
        long t = stepCount();
        float c1 = (float) (1 - Math.pow(beta1, t));
        float c2 = (float) (1 - Math.pow(beta2, t));
        NDArray denominator = v.div(c2).sqrt().addi(epsilon); // (same shape as w)
        weight.subi(m.div(denominator).muli(lr / c1));
    }

    /** Builds an {@link AdamW}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        private Builder() {}

        /** First-moment decay in [0, 1). */
        public Builder optBeta1(float beta1) {
            this.beta1 = beta1;
            return this;
        }

        /** Second-moment decay in [0, 1). */
        public Builder optBeta2(float beta2) {
            this.beta2 = beta2;
            return this;
        }

        /** Denominator epsilon. */
        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Validates and builds. */
        public AdamW build() {
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("betas must be in [0, 1): " + beta1 + ", " + beta2);
            }
            return new AdamW(this);
        }
    }
}
