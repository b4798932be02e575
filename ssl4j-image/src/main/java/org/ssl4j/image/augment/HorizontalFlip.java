package org.ssl4j.image.augment;

import java.util.SplittableRandom;

/** Mirrors the image left to right with probability {@code p}. */
public final class HorizontalFlip implements Augmentation {
    private final double probability;

    /** @param probability in [0, 1] */
    public HorizontalFlip(double probability) {
        this.probability = probability;
    }

    @Override
    public Image apply(Image image, SplittableRandom random) {
        if (random.nextDouble() >= probability) {
            return image;
        }
        float[] d = image.data();
        int w = image.width();
        for (int row = 0; row < image.channels() * image.height(); row++) {
            int base = row * w;
            for (int x = 0; x < w / 2; x++) {
                float t = d[base + x];
                d[base + x] = d[base + w - 1 - x];
                d[base + w - 1 - x] = t;
            }
        }
        return image;
    }
}
