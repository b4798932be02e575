package org.ssl4j.rl.env.control;

import org.ssl4j.core.Ssl4jException;

/**
 * DeepMind Control's soft indicator ({@code dm_control.utils.rewards.tolerance}), from which every task's reward is
 * built: 1 when {@code x} lies in {@code [lower, upper]}, falling off with the distance to the nearest bound as one
 * of several sigmoids scaled so that it equals {@code valueAtMargin} at distance {@code margin}; with margin 0 it is
 * the interval's indicator.
 */
public final class Tolerance {
    private Tolerance() {}

    /** The fall-off shapes, as DeepMind Control names them. */
    public enum Sigmoid {
        GAUSSIAN, HYPERBOLIC, LONG_TAIL, RECIPROCAL, COSINE, LINEAR, QUADRATIC, TANH_SQUARED
    }

    /** DeepMind Control's default value at the margin. */
    public static final double VALUE_AT_MARGIN = 0.1;

    /** The gaussian tolerance with the default value at the margin. */
    public static double of(double x, double lower, double upper, double margin) {
        return of(x, lower, upper, margin, Sigmoid.GAUSSIAN, VALUE_AT_MARGIN);
    }

    /**
     * @param x the value
     * @param lower the interval's lower bound (may be infinite)
     * @param upper its upper bound, >= lower
     * @param margin the distance over which the value falls to {@code valueAtMargin}, >= 0
     * @param sigmoid the fall-off
     * @param valueAtMargin the value at distance {@code margin} from the interval
     * @return a value in [0, 1]
     */
    public static double of(double x, double lower, double upper, double margin, Sigmoid sigmoid,
            double valueAtMargin) {
        Ssl4jException.check(lower <= upper, "tolerance: lower bound %s exceeds upper bound %s", lower, upper);
        Ssl4jException.check(margin >= 0, "tolerance: margin must be >= 0, got %s", margin);
        if (lower <= x && x <= upper) {
            return 1;
        }
        if (margin == 0) {
            return 0;
        }
        double d = (x < lower ? lower - x : x - upper) / margin;
        return sigmoid(d, valueAtMargin, sigmoid);
    }

    private static double sigmoid(double x, double valueAt1, Sigmoid sigmoid) {
        boolean zeroAllowed = sigmoid == Sigmoid.COSINE || sigmoid == Sigmoid.LINEAR || sigmoid == Sigmoid.QUADRATIC;
        Ssl4jException.check(valueAt1 < 1 && (zeroAllowed ? valueAt1 >= 0 : valueAt1 > 0),
                "tolerance: value at the margin must be in %s1), got %s", zeroAllowed ? "[0, " : "(0, ", valueAt1);
        switch (sigmoid) {
            case GAUSSIAN: {
                double scale = Math.sqrt(-2 * Math.log(valueAt1));
                return Math.exp(-0.5 * (x * scale) * (x * scale));
            }
            case HYPERBOLIC: {
                double scale = acosh(1 / valueAt1);
                return 1 / Math.cosh(x * scale);
            }
            case LONG_TAIL: {
                double scale = Math.sqrt(1 / valueAt1 - 1);
                return 1 / ((x * scale) * (x * scale) + 1);
            }
            case RECIPROCAL: {
                double scale = 1 / valueAt1 - 1;
                return 1 / (Math.abs(x) * scale + 1);
            }
            case COSINE: {
                double scaled = x * Math.acos(2 * valueAt1 - 1) / Math.PI;
                return Math.abs(scaled) < 1 ? (1 + Math.cos(Math.PI * scaled)) / 2 : 0;
            }
            case LINEAR: {
                double scaled = x * (1 - valueAt1);
                return Math.abs(scaled) < 1 ? 1 - scaled : 0;
            }
            case QUADRATIC: {
                double scaled = x * Math.sqrt(1 - valueAt1);
                return Math.abs(scaled) < 1 ? 1 - scaled * scaled : 0;
            }
            case TANH_SQUARED: {
                double scale = atanh(Math.sqrt(1 - valueAt1));
                double t = Math.tanh(x * scale);
                return 1 - t * t;
            }
            default:
                throw new IllegalStateException(sigmoid.toString());
        }
    }

    private static double acosh(double x) {
        return Math.log(x + Math.sqrt(x * x - 1));
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }
}
