package org.ssl4j.bench;

import java.util.SplittableRandom;
import org.ssl4j.core.data.Dataset;

/** Unlabelled images of uniform random pixels held in memory: input for shapes that have no bundled dataset. */
final class RandomImages implements Dataset {
    private final int[] shape;
    private final float[] pixels;
    private final int count;

    RandomImages(int count, int channels, int size, long seed) {
        this.count = count;
        this.shape = new int[] {channels, size, size};
        this.pixels = new float[count * channels * size * size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
    }

    @Override
    public int size() {
        return count;
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
        throw new UnsupportedOperationException("random images have no labels");
    }

    @Override
    public int numClasses() {
        return 0;
    }

    @Override
    public void read(int index, float[] dst, int offset) {
        int length = sampleLength();
        System.arraycopy(pixels, index * length, dst, offset, length);
    }
}
