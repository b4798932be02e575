package org.ssl4j.rl.sac;

import java.util.SplittableRandom;

/**
 * Crops of stacked pixel observations into the agent's input, as floats in [0, 1]: CURL's random crop (each
 * observation its own offset, uniform in {@code [0, size - out)} on each axis, the same for all its channels; the
 * augmentation of the critic's observations and of CURL's anchors and keys) and the centre crop used to act and to
 * evaluate. Hand-written: a byte-to-float copy of sub-rectangles, no image library needed.
 */
public final class ObservationCrops {
    private ObservationCrops() {}

    /**
     * @param observations {@code (B, C, size, size)} bytes
     * @param out the crop's side
     * @param random the offsets' generator; null for the centre crop
     * @return {@code (B, C, out, out)} in [0, 1]
     */
    public static float[] crop(byte[] observations, int batch, int channels, int size, int out,
            SplittableRandom random) {
        float[] dst = new float[batch * channels * out * out];
        int range = size - out;
        for (int b = 0; b < batch; b++) {
            int top = random == null ? range / 2 : random.nextInt(Math.max(1, range));
            int left = random == null ? range / 2 : random.nextInt(Math.max(1, range));
            for (int c = 0; c < channels; c++) {
                int src = (b * channels + c) * size * size;
                int at = (b * channels + c) * out * out;
                for (int y = 0; y < out; y++) {
                    int row = src + (top + y) * size + left;
                    for (int x = 0; x < out; x++) {
                        dst[at + y * out + x] = (observations[row + x] & 0xFF) / 255f;
                    }
                }
            }
        }
        return dst;
    }
}
