package org.ssl4j.core.head;

/** One layer of a {@link ProjectionHead}, as data: heads are described by lists of these, not by subclasses. */
public sealed interface HeadLayer {
    /** A fully connected layer with {@code units} outputs. */
    record Linear(int units, boolean bias) implements HeadLayer {
        /** Validates the width. */
        public Linear {
            if (units < 1) {
                throw new IllegalArgumentException("Linear units must be >= 1: " + units);
            }
        }
    }

    /** Batch normalisation over the feature axis. */
    record BatchNorm() implements HeadLayer {}

    /** Rectified linear unit. */
    record Relu() implements HeadLayer {}
}
