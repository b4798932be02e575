package org.ssl4j.core.data;

import java.util.SplittableRandom;

/**
 * A finite, randomly addressable set of samples, each a dense float array of a fixed shape (for images
 * {@code (C, H, W)} with values in [0, 1]), optionally labelled. Implementations must be safe for concurrent reads.
 */
public interface Dataset {
    /** Number of samples. */
    int size();

    /** The shape of one sample, e.g. {@code {1, 28, 28}}. */
    int[] sampleShape();

    /** Whether {@link #label} is available. */
    boolean hasLabels();

    /** The class of sample {@code index}, in {@code [0, numClasses)}; only if {@link #hasLabels}. */
    int label(int index);

    /** Number of classes (0 when unlabelled). */
    int numClasses();

    /** Copies sample {@code index} into {@code dst} from {@code offset}, {@code prod(sampleShape())} floats. */
    void read(int index, float[] dst, int offset);

    /**
     * As {@link #read}, for datasets whose samples are themselves drawn at random (a clip's position in its video):
     * {@code random} is the sample's own generator, the one the view transform then continues, so a run stays
     * repeatable whatever thread loads it. The default ignores it and leaves it untouched.
     */
    default void read(int index, float[] dst, int offset, SplittableRandom random) {
        read(index, dst, offset);
    }

    /** A stable identifier of sample {@code index} for exports (default: the index; files give their path). */
    default String id(int index) {
        return Integer.toString(index);
    }

    /** The number of floats in one sample. */
    default int sampleLength() {
        int n = 1;
        for (int d : sampleShape()) {
            n *= d;
        }
        return n;
    }
}
