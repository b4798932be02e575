package org.ssl4j.core.data;

import java.util.Arrays;

/**
 * Samples held as Java float arrays, one per sample, all of one shape, unlabelled or labelled: how images handed over
 * in memory (an {@code Encoder.embed} call, a benchmark's synthetic input, a test's patterns) become a
 * {@link Dataset}. The arrays are not copied.
 */
public final class ArraySamples implements Dataset {
    private final float[][] samples;
    private final int[] shape;
    private final int[] labels;
    private final int numClasses;

    /**
     * @param samples one array of {@code prod(shape)} floats per sample
     * @param shape the shape of one sample, e.g. {@code {1, 28, 28}}
     */
    public ArraySamples(float[][] samples, int[] shape) {
        this(samples, shape, null, 0);
    }

    /**
     * Labelled samples.
     *
     * @param samples one array of {@code prod(shape)} floats per sample
     * @param shape the shape of one sample
     * @param labels each sample's class in {@code [0, numClasses)}, or null for none
     * @param numClasses the number of classes
     */
    public ArraySamples(float[][] samples, int[] shape, int[] labels, int numClasses) {
        if (labels != null && labels.length != samples.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + samples.length + " samples");
        }
        this.samples = samples;
        this.shape = shape.clone();
        this.labels = labels;
        this.numClasses = labels == null ? 0 : numClasses;
        int length = sampleLength();
        for (int i = 0; i < samples.length; i++) {
            if (samples[i].length != length) {
                throw new IllegalArgumentException("image " + i + " has " + samples[i].length + " floats; shape "
                        + Arrays.toString(shape) + " takes " + length);
            }
        }
    }

    @Override
    public int size() {
        return samples.length;
    }

    @Override
    public int[] sampleShape() {
        return shape.clone();
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public int label(int index) {
        if (labels == null) {
            throw new IllegalStateException("these in-memory samples have no labels");
        }
        return labels[index];
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public void read(int index, float[] dst, int offset) {
        System.arraycopy(samples[index], 0, dst, offset, samples[index].length);
    }
}
