package org.ssl4j.core.optim;

import java.util.regex.Pattern;

/**
 * Settings for the parameters whose names match a pattern: a learning-rate multiplier, a weight decay and whether
 * LARS adapts their step. Parameters no group matches follow the default rule of SimCLR and MoCo: weights of rank
 * &gt;= 2 get the optimiser's weight decay (and LARS adaptation); biases and normalisation parameters (rank 1) get
 * neither.
 *
 * @param match regular expression matched against the whole parameter name, e.g. {@code head\..*}
 * @param lrScale multiplies the scheduled learning rate (1 keeps it)
 * @param weightDecay weight decay for the group, or {@code null} for the default rule
 * @param adapt whether LARS applies its trust ratio, or {@code null} for the default rule
 */
public record ParameterGroup(Pattern match, float lrScale, Float weightDecay, Boolean adapt) {
    /** Validates. */
    public ParameterGroup {
        if (!(lrScale >= 0) || Float.isInfinite(lrScale)) {
            throw new IllegalArgumentException("lrScale must be >= 0: " + lrScale);
        }
        if (weightDecay != null && !(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay must be >= 0: " + weightDecay);
        }
    }

    /** Whether the group applies to parameter {@code name}. */
    public boolean matches(String name) {
        return match.matcher(name).matches();
    }
}
