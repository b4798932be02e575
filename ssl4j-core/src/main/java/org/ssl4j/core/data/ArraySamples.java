package org.ssl4j.core.data;

import java.util.Arrays;

/**
 * Unlabelled samples held as Java float arrays, one per sample, all of one shape: how images handed over in memory
 * (an {@code Encoder.embed} call, a benchmark's synthetic input) become a {@link Dataset}. The arrays are not copied.
 */
public final class ArraySamples implements Dataset {
    private final float[][] samples;
    private final int[] shape;

    /**
     * @param samples one array of {@code prod(shape)} floats per sample
     * @param shape the shape of one sample, e.g. {@code {1, 28, 28}}
     */
    public ArraySamples(float[][] samples, int[] shape) {
        this.samples = samples;
        this.shape = shape.clone();
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
        return false;
    }

    @Override
    public int label(int index) {
        throw new IllegalStateException("in-memory samples have no labels");
    }

    @Override
    public int numClasses() {
        return 0;
    }

    @Override
    public void read(int index, float[] dst, int offset) {
        System.arraycopy(samples[index], 0, dst, offset, samples[index].length);
    }
}
