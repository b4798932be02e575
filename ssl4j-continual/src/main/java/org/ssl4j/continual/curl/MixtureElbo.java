package org.ssl4j.continual.curl;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The evidence lower bound of CURL's mixture latent model (Rao et al. 2019, eq. 3), marginalised over the active
 * components {@code y = 1..K} rather than sampled:
 * {@code ELBO(x) = sum_y q(y|x) log p(x|z_y) - KL(q(y|x) || p(y)) - sum_y q(y|x) KL(q(z|x,y) || p(z|y))},
 * with one reparameterised sample {@code z_y ~ q(z|x,y)} per component (its decoder logits given here), a Bernoulli
 * decoder {@code log p(x|z) = sum_i x_i l_i - softplus(l_i)} over the pixels, and both Gaussians diagonal, so the
 * latent KL is analytic. As the official code ({@code Curl.log_prob_elbo_components}): per sample, summed over the
 * pixels and latent dimensions; {@code q(y|x)} given over the active components only.
 */
public final class MixtureElbo {
    private MixtureElbo() {}

    /**
     * The three terms, each {@code (B)}.
     *
     * @param logLikelihood {@code sum_y q(y|x) log p(x|z_y)}
     * @param klY {@code KL(q(y|x) || p(y))}
     * @param klZ {@code sum_y q(y|x) KL(q(z|x,y) || p(z|y))}
     */
    public record Terms(NDArray logLikelihood, NDArray klY, NDArray klZ) {
        /** {@code logLikelihood - klY - klZ}, per sample. */
        public NDArray elbo() {
            return logLikelihood.sub(klY).sub(klZ);
        }
    }

    /**
     * @param x the inputs {@code (B, I)}, values in [0, 1]
     * @param qy {@code q(y|x)} over the {@code K} active components {@code (B, K)}, rows summing to 1
     * @param py the prior {@code p(y)} over them {@code (K)}
     * @param decoderLogits the Bernoulli logits of {@code p(x|z_y)} for each component's sample {@code (K, B, I)}
     * @param qMean the mean of {@code q(z|x,y)} {@code (K, B, Z)}
     * @param qVariance its variance {@code (K, B, Z)}
     * @param pMean the mean of the component's prior {@code p(z|y)} {@code (K, Z)}
     * @param pVariance its variance {@code (K, Z)}
     */
    public static Terms compute(NDArray x, NDArray qy, NDArray py, NDArray decoderLogits, NDArray qMean,
            NDArray qVariance, NDArray pMean, NDArray pVariance) {
        NDArray weights = qy.transpose(); // (K, B)
        NDArray logLikelihood = weights.mul(bernoulliLogLikelihood(x.expandDims(0), decoderLogits))
                .sum(new int[] {0});
        // log(q + 1e-12) as the official cluster encoder's probabilities: a q that underflows to 0 adds 0, not NaN.
        NDArray klY = qy.mul(qy.add(1e-12).log().sub(py.log().expandDims(0))).sum(new int[] {1});
        NDArray klZ = weights.mul(gaussianKl(qMean, qVariance, pMean.expandDims(1), pVariance.expandDims(1)))
                .sum(new int[] {0});
        return new Terms(logLikelihood, klY, klZ);
    }

    /** {@code log p(x|z)} of a Bernoulli decoder, {@code sum_i x_i l_i - softplus(l_i)} over the last axis. */
    static NDArray bernoulliLogLikelihood(NDArray x, NDArray logits) {
        return x.mul(logits).sub(softplus(logits)).sum(new int[] {-1});
    }

    /** {@code KL(N(qMean, qVariance) || N(pMean, pVariance))} of diagonal Gaussians, summed over the last axis. */
    static NDArray gaussianKl(NDArray qMean, NDArray qVariance, NDArray pMean, NDArray pVariance) {
        return pVariance.log().sub(qVariance.log()).add(qVariance.add(qMean.sub(pMean).square()).div(pVariance))
                .sub(1).mul(0.5).sum(new int[] {-1});
    }

    /**
     * {@code log(1 + e^l)}, the engine's own (PyTorch's {@code softplus}: {@code l} above 20, {@code log1p(e^l)}
     * below, so neither overflows nor rounds a small variance to zero).
     */
    static NDArray softplus(NDArray logits) {
        return Activation.softPlus(logits);
    }
}
