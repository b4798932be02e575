package org.ssl4j.core.recipe;

import org.ssl4j.core.Ssl4jException;

/** Defaults and one-line checks of recipe values that many methods' settings share. */
public final class RecipeValues {
    private RecipeValues() {}

    /** A loss term's weight, {@code field} its recipe path: 1 when unset, else finite and >= 0. */
    public static double weight(Double value, String field) {
        double out = value == null ? 1.0 : value;
        Ssl4jException.check(out >= 0 && Double.isFinite(out), "%s must be >= 0: %s", field, value);
        return out;
    }

    /** A count, {@code field} its recipe path: {@code fallback} when unset, else >= 1. */
    public static int positive(Integer value, int fallback, String field) {
        int out = value == null ? fallback : value;
        Ssl4jException.check(out >= 1, "%s must be >= 1: %s", field, value);
        return out;
    }

    /** A long count such as a number of steps, {@code field} its recipe path: {@code fallback} when unset, >= 1. */
    public static long positive(Long value, long fallback, String field) {
        long out = value == null ? fallback : value;
        Ssl4jException.check(out >= 1, "%s must be >= 1: %s", field, value);
        return out;
    }

    /** A rate or scale, {@code field} its recipe path: {@code fallback} when unset, else finite and > 0. */
    public static double positive(Double value, double fallback, String field) {
        double out = value == null ? fallback : value;
        Ssl4jException.check(out > 0 && Double.isFinite(out), "%s must be > 0: %s", field, value);
        return out;
    }

    /** A fraction such as a soft-update rate, {@code field} its recipe path: {@code fallback} when unset, in (0, 1]. */
    public static double fraction(Double value, double fallback, String field) {
        double out = value == null ? fallback : value;
        Ssl4jException.check(out > 0 && out <= 1, "%s must be in (0, 1]: %s", field, value);
        return out;
    }
}
