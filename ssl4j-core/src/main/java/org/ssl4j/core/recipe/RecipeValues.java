package org.ssl4j.core.recipe;

import org.ssl4j.core.Ssl4jException;

/** Defaults and one-line checks of recipe values that many methods' settings share. */
public final class RecipeValues {
    private RecipeValues() {}

    /** A loss term's weight {@code method.<field>}: 1 when unset, else finite and >= 0. */
    public static double weight(Double value, String field) {
        double out = value == null ? 1.0 : value;
        Ssl4jException.check(out >= 0 && Double.isFinite(out), "method.%s must be >= 0: %s", field, value);
        return out;
    }

    /** A count {@code method.<field>}: {@code fallback} when unset, else >= 1. */
    public static int positive(Integer value, int fallback, String field) {
        int out = value == null ? fallback : value;
        Ssl4jException.check(out >= 1, "method.%s must be >= 1: %s", field, value);
        return out;
    }
}
