package org.ssl4j.core.data;

import java.util.SplittableRandom;

/** Turns one sample into one or more augmented views, drawing every random choice from the given generator. */
public interface ViewTransform {
    /** How many views each sample yields (2 for SimCLR). */
    int numViews();

    /** The shape of one view for samples of {@code sampleShape}. */
    int[] viewShape(int[] sampleShape);

    /**
     * Writes the views of {@code sample}.
     *
     * @param sample the sample's floats, shaped {@code sampleShape}
     * @param sampleShape e.g. {@code {C, H, W}}
     * @param random the sample's own generator (seeded from run seed, step and position, so any thread may run it)
     * @param views one destination array per view
     * @param offset where in each destination this sample's view starts
     */
    void apply(float[] sample, int[] sampleShape, SplittableRandom random, float[][] views, int offset);
}
