package org.ssl4j.rl.sac;

import ai.djl.ndarray.NDArray;

/**
 * SAC's policy head (Haarnoja et al. 2018, appendix C): the actor's output {@code (B, 2A)} is a mean and a log
 * standard deviation; the log standard deviation is squashed into {@code [logStdMin, logStdMax]} by a tanh, an action
 * is drawn as {@code u = mu + sigma * noise} and squashed to {@code tanh(u)}, and its log-probability is the
 * Gaussian's corrected by the change of variables, {@code log pi = log N(u) - sum log(1 - tanh(u)^2 + 1e-6)} (the
 * official CURL code's form).
 */
public final class TanhGaussianPolicy {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private TanhGaussianPolicy() {}

    /**
     * An action and what SAC needs of it.
     *
     * @param mean {@code tanh(mu)}, the deterministic action (evaluation)
     * @param action {@code tanh(mu + sigma * noise)}
     * @param logProb its log-probability {@code (B, 1)}
     * @param logStd the squashed log standard deviation {@code (B, A)}
     */
    public record Sample(NDArray mean, NDArray action, NDArray logProb, NDArray logStd) {}

    /**
     * @param output the actor's output {@code (B, 2A)}: means, then raw log standard deviations
     * @param noise standard normal {@code (B, A)}
     */
    public static Sample sample(NDArray output, NDArray noise, double logStdMin, double logStdMax) {
        long actions = output.getShape().get(1) / 2;
        NDArray mu = output.get(":, :{}", actions);
        NDArray raw = output.get(":, {}:", actions);
        NDArray logStd = raw.tanh().add(1).mul(0.5 * (logStdMax - logStdMin)).add(logStdMin);
        NDArray u = mu.add(noise.mul(logStd.exp()));
        NDArray gaussian = noise.square().mul(-0.5).sub(logStd).sum(new int[] {1}, true).sub(0.5 * LOG_2PI * actions);
        NDArray action = u.tanh();
        NDArray correction = action.square().mul(-1).add(1).maximum(0).add(1e-6).log().sum(new int[] {1}, true);
        return new Sample(mu.tanh(), action, gaussian.sub(correction), logStd);
    }
}
