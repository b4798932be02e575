package org.ssl4j.video.augment;

import java.util.SplittableRandom;
import org.ssl4j.core.Ssl4jException;

/**
 * DSM's Spatial Local Disturbance (Wang et al. 2021, "Enhancing unsupervised video representation learning by
 * decoupling the scene and the motion", section 3.2): a few local, smooth warps of the picture at random centres, the
 * same for every frame of a clip, so that the scene's appearance is broken while what moves keeps its trajectory.
 *
 * <p>Warp {@code j} has a centre {@code c_j} uniform in the middle half of the frame and a shift {@code s_j} of length
 * {@code r_j} (uniform in {@code [radiusMin, radiusMax]} times the frame size) in a uniform direction; a pixel
 * {@code p} samples the input at {@code p - sum_j w_j(p) s_j} with the official code's fall-off
 * {@code w_j(p) = 0.5 / (3 (|p - c_j - s_j| / r_j)^4 + 1)}, bilinearly and clamped at the border. The official code
 * applies one to three warps one after another with integer sampling; here their displacements are summed and
 * sampled once, which keeps the picture from blurring by repeated resampling.
 *
 * @param maxWarps warps per clip are uniform in {@code [1, maxWarps]} (DSM: 3)
 * @param radiusMin smallest shift length as a fraction of the frame size (DSM: 10 / 224)
 * @param radiusMax largest shift length as a fraction of the frame size (DSM: 20 / 224)
 */
public record SpatialLocalDisturbance(int maxWarps, double radiusMin, double radiusMax) {
    /** The official code's fall-off strength. */
    private static final double STRENGTH = 0.5;

    /** Checks the values. */
    public SpatialLocalDisturbance {
        Ssl4jException.check(maxWarps >= 1, "method.sldWarps must be >= 1, got %d", maxWarps);
        Ssl4jException.check(radiusMin > 0 && radiusMin <= radiusMax && radiusMax <= 0.5,
                "method.sldRadius must satisfy 0 < min <= max <= 0.5 (fractions of the frame size), got [%s, %s]",
                radiusMin, radiusMax);
    }

    /** The paper's settings: up to 3 warps with shifts of 10 to 20 pixels at 224. */
    public static SpatialLocalDisturbance paper() {
        return new SpatialLocalDisturbance(3, 10.0 / 224, 20.0 / 224);
    }

    /**
     * Draws one set of warps and applies it in place to every channel and frame of the clip {@code (3, frames, h, w)}
     * at {@code offset} in {@code clip}.
     */
    public void apply(float[] clip, int offset, int frames, int h, int w, SplittableRandom random) {
        float[][] source = sourceCoordinates(h, w, random); // {y, x} per pixel
        int plane = h * w;
        float[] copy = new float[plane];
        for (int c = 0; c < 3 * frames; c++) {
            int at = offset + c * plane;
            System.arraycopy(clip, at, copy, 0, plane);
            for (int p = 0; p < plane; p++) {
                clip[at + p] = ClipAugmentation.bilinear(copy, 0, h, w, source[0][p], source[1][p]);
            }
        }
    }

    /** Where each output pixel samples the input, {@code {y[], x[]}} of {@code h * w} values. */
    float[][] sourceCoordinates(int h, int w, SplittableRandom random) {
        int size = Math.min(h, w);
        int warps = 1 + random.nextInt(maxWarps);
        double[][] params = new double[warps][]; // {cy, cx, sy, sx, r}
        for (int j = 0; j < warps; j++) {
            double cy = h * (0.25 + 0.5 * random.nextDouble());
            double cx = w * (0.25 + 0.5 * random.nextDouble());
            double r = size * (radiusMin + (radiusMax - radiusMin) * random.nextDouble());
            double angle = 2 * Math.PI * random.nextDouble();
            params[j] = new double[] {cy, cx, r * Math.sin(angle), r * Math.cos(angle), r};
        }
        float[] ys = new float[h * w];
        float[] xs = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dy = 0;
                double dx = 0;
                for (double[] q : params) {
                    double d = Math.hypot(y - q[0] - q[2], x - q[1] - q[3]) / q[4];
                    double weight = STRENGTH / (3 * d * d * d * d + 1);
                    dy -= weight * q[2];
                    dx -= weight * q[3];
                }
                ys[y * w + x] = (float) (y + dy);
                xs[y * w + x] = (float) (x + dx);
            }
        }
        return new float[][] {ys, xs};
    }
}
