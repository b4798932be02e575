package org.ssl4j.core.momentum;

import org.ssl4j.core.Ssl4jException;

/**
 * Defaults and checks of the settings every momentum-contrast method shares (MoCo v2 and the methods built on it,
 * such as DenseCL): one place for the papers' values and the error messages.
 */
public final class MomentumSettings {
    private MomentumSettings() {}

    /** InfoNCE tau, default 0.2 (MoCo v2). */
    public static double temperature(Double value) {
        return temperature(value, 0.2);
    }

    /** InfoNCE tau with a method's own default (DSM: 0.07, MoCo v1's). */
    public static double temperature(Double value, double paperDefault) {
        double t = value == null ? paperDefault : value;
        Ssl4jException.check(t > 0, "method.temperature must be > 0: %s", t);
        return t;
    }

    /** Queue length {@code K}, default 65,536. */
    public static int queueSize(Integer value) {
        int k = value == null ? 65_536 : value;
        Ssl4jException.check(k >= 1, "method.queueSize must be >= 1: %s", k);
        return k;
    }

    /** Key-encoder momentum {@code m}, default 0.999. */
    public static double momentum(Double value) {
        double m = value == null ? 0.999 : value;
        Ssl4jException.check(m >= 0 && m <= 1, "method.momentum must be in [0, 1]: %s", m);
        return m;
    }

    /** {@code constant} (default) or {@code cosine}. */
    public static String momentumSchedule(String value) {
        String schedule = value == null ? "constant" : value;
        Ssl4jException.check(schedule.equals("constant") || schedule.equals("cosine"),
                "method.momentumSchedule must be constant or cosine: %s", schedule);
        return schedule;
    }

    /** The head's hidden width, null for the backbone's feature width. */
    public static Integer projectionHidden(Integer value) {
        Ssl4jException.check(value == null || value >= 1, "method.projectionHidden must be >= 1: %s", value);
        return value;
    }

    /** The head's output width, default 128. */
    public static int projectionDim(Integer value) {
        int d = value == null ? 128 : value;
        Ssl4jException.check(d >= 1, "method.projectionDim must be >= 1: %s", d);
        return d;
    }
}
