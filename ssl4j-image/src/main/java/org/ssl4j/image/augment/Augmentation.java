package org.ssl4j.image.augment;

import java.util.SplittableRandom;

/** One random image transformation; every random choice is drawn from the given generator. */
@FunctionalInterface
public interface Augmentation {
    /** Returns the transformed image (possibly {@code image} itself, modified in place). */
    Image apply(Image image, SplittableRandom random);
}
