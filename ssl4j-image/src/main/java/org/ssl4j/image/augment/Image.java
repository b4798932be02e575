package org.ssl4j.image.augment;

/**
 * A mutable image on the Java heap: floats in [0, 1] in {@code (C, H, W)} order. Augmentations run on these per sample
 * on loader threads. They are written in plain Java because DJL has no random, per-sample, batched image ops, and one
 * JNI call per sample and op would cost more than the arithmetic on small images.
 *
 * @param data {@code C * H * W} floats
 * @param channels C
 * @param height H
 * @param width W
 */
public record Image(float[] data, int channels, int height, int width) {
    /** Validates the buffer length. */
    public Image {
        if (data.length != channels * height * width) {
            throw new IllegalArgumentException("buffer of " + data.length + " floats for a " + channels + "x" + height
                    + "x" + width + " image");
        }
    }

    /** A copy of {@code length} floats of {@code src} from {@code offset}. */
    public static Image of(float[] src, int offset, int channels, int height, int width) {
        float[] data = new float[channels * height * width];
        System.arraycopy(src, offset, data, 0, data.length);
        return new Image(data, channels, height, width);
    }

    /** The value at channel {@code c}, row {@code y}, column {@code x}. */
    public float get(int c, int y, int x) {
        return data[(c * height + y) * width + x];
    }
}
