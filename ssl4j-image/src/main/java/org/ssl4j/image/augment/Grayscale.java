package org.ssl4j.image.augment;

import java.util.SplittableRandom;

/** Converts an RGB image to grey (ITU-R 601 luma, replicated to three channels) with probability {@code p}. */
public final class Grayscale implements Augmentation {
    private final double probability;

    /** @param probability in [0, 1] */
    public Grayscale(double probability) {
        this.probability = probability;
    }

    @Override
    public Image apply(Image image, SplittableRandom random) {
        if (random.nextDouble() >= probability || image.channels() != 3) {
            return image;
        }
        float[] grey = luma(image);
        int plane = grey.length;
        for (int c = 0; c < 3; c++) {
            System.arraycopy(grey, 0, image.data(), c * plane, plane);
        }
        return image;
    }

    /** The grey level of each pixel: the channel itself for one-channel images, else 0.299 R + 0.587 G + 0.114 B. */
    static float[] luma(Image image) {
        int plane = image.height() * image.width();
        float[] d = image.data();
        float[] grey = new float[plane];
        if (image.channels() != 3) {
            System.arraycopy(d, 0, grey, 0, plane);
            return grey;
        }
        for (int i = 0; i < plane; i++) {
            grey[i] = 0.299f * d[i] + 0.587f * d[plane + i] + 0.114f * d[2 * plane + i];
        }
        return grey;
    }
}
