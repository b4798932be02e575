package org.ssl4j.video.synth;

import org.ssl4j.core.data.ArraySamples;
import org.ssl4j.core.data.Dataset;

/** Stand-ins for the bundled digits in the video module's tests (which live in ssl4j-image): 28x28 squares. */
public final class SquareDigits {
    private SquareDigits() {}

    /** Twenty filled squares of six sizes, with a diagonal hatch so that blocks match in one place only. */
    public static Dataset dataset() {
        float[][] samples = new float[20][28 * 28];
        for (int i = 0; i < samples.length; i++) {
            int half = 6 + i % 6;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean in = Math.abs(y - 13.5) < half && Math.abs(x - 13.5) < half && (x + y) % 7 != 0;
                    samples[i][y * 28 + x] = in ? 1f : 0f;
                }
            }
        }
        return new ArraySamples(samples, new int[] {1, 28, 28});
    }
}
