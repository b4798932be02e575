package org.ssl4j.core.data;

import java.util.SplittableRandom;

/**
 * Turns one sample into one or more augmented views, drawing every random choice from the given generator. Views
 * usually share one shape (SimCLR's two crops); a method whose inputs are of several kinds (context and motion
 * decoupling's clip, keyframe and motion vectors) gives each view its own by overriding
 * {@link #viewShape(int, int[])}.
 */
public interface ViewTransform {
    /** How many views each sample yields (2 for SimCLR). */
    int numViews();

    /** The shape of view 0, the one the trained encoder reads, for samples of {@code sampleShape}. */
    int[] viewShape(int[] sampleShape);

    /** The shape of view {@code view}; by default that of view 0. */
    default int[] viewShape(int view, int[] sampleShape) {
        return viewShape(sampleShape);
    }

    /**
     * Writes the views of {@code sample}.
     *
     * @param sample the sample's floats, shaped {@code sampleShape}
     * @param sampleShape e.g. {@code {C, H, W}}
     * @param random the sample's own generator (seeded from run seed, step and position, so any thread may run it)
     * @param views one destination array per view, each holding the whole batch of that view
     * @param position the sample's position in the batch: view {@code v} of it starts at
     *     {@code position * prod(viewShape(v, sampleShape))}
     */
    void apply(float[] sample, int[] sampleShape, SplittableRandom random, float[][] views, int position);

    /** The number of floats of one sample's view {@code view}. */
    default int viewLength(int view, int[] sampleShape) {
        int n = 1;
        for (int d : viewShape(view, sampleShape)) {
            n *= d;
        }
        return n;
    }
}
