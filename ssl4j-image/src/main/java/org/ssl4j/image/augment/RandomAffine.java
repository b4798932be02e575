package org.ssl4j.image.augment;

import java.util.SplittableRandom;

/**
 * A random affine warp about the image centre, as torchvision's {@code RandomAffine}: rotation uniform in
 * {@code [-degrees, degrees]}, translation uniform in {@code [-translate, translate]} of each side, isotropic scale
 * uniform in {@code [minScale, maxScale]} and horizontal shear uniform in {@code [-shear, shear]} degrees, applied with
 * probability {@code p}. Pixels that come from outside the input are 0 (the background of digits).
 *
 * <p>Not in SimCLR's list: it is the small-deformation invariance that matters for handwriting (IIC, Ji et al. 2019,
 * uses rotation, scale and skew for MNIST), where colour distortion carries almost nothing.
 */
public final class RandomAffine implements Augmentation {
    private final double probability;
    private final double degrees;
    private final double translate;
    private final double minScale;
    private final double maxScale;
    private final double shear;

    /**
     * @param probability chance of warping at all
     * @param degrees largest rotation, &gt;= 0
     * @param translate largest shift as a fraction of the side, in [0, 1]
     * @param minScale smallest zoom, &gt; 0
     * @param maxScale largest zoom
     * @param shear largest horizontal shear angle in degrees, in [0, 90)
     */
    public RandomAffine(double probability, double degrees, double translate, double minScale, double maxScale,
            double shear) {
        if (!(probability >= 0 && probability <= 1) || !(degrees >= 0) || !(translate >= 0 && translate <= 1)
                || !(minScale > 0 && minScale <= maxScale) || !(shear >= 0 && shear < 90)) {
            throw new IllegalArgumentException("invalid affine: p " + probability + ", degrees " + degrees
                    + ", translate " + translate + ", scale [" + minScale + ", " + maxScale + "], shear " + shear);
        }
        this.probability = probability;
        this.degrees = degrees;
        this.translate = translate;
        this.minScale = minScale;
        this.maxScale = maxScale;
        this.shear = shear;
    }

    @Override
    public Image apply(Image image, SplittableRandom random) {
        if (random.nextDouble() >= probability) {
            return image;
        }
        double angle = Math.toRadians(RandomResizedCrop.uniform(random, -degrees, degrees));
        double tx = RandomResizedCrop.uniform(random, -translate, translate) * image.width();
        double ty = RandomResizedCrop.uniform(random, -translate, translate) * image.height();
        double scale = RandomResizedCrop.uniform(random, minScale, maxScale);
        double shearX = Math.toRadians(RandomResizedCrop.uniform(random, -shear, shear));
        return warp(image, forward(angle, scale, shearX), tx, ty);
    }

    /**
     * The 2x2 forward matrix {@code [a b; c d]} = scale * rotation(angle) * shear(shearX), mapping centred input
     * coordinates (x, y) to centred output coordinates.
     */
    static double[] forward(double angle, double scale, double shearX) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double k = Math.tan(shearX); // x' = x + k y
        return new double[] {scale * cos, scale * (cos * k - sin), scale * sin, scale * (sin * k + cos)};
    }

    /**
     * Output pixel (x, y) takes the bilinear sample of the input at {@code M^-1 ((x, y) - centre - t) + centre}, with
     * pixel centres at integer coordinates and 0 outside.
     */
    static Image warp(Image image, double[] m, double tx, double ty) {
        double det = m[0] * m[3] - m[1] * m[2];
        double ia = m[3] / det;
        double ib = -m[1] / det;
        double ic = -m[2] / det;
        double id = m[0] / det;
        int c = image.channels();
        int h = image.height();
        int w = image.width();
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        float[] in = image.data();
        float[] out = new float[in.length];
        for (int y = 0; y < h; y++) {
            double dy = y - cy - ty;
            for (int x = 0; x < w; x++) {
                double dx = x - cx - tx;
                double sx = ia * dx + ib * dy + cx;
                double sy = ic * dx + id * dy + cy;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) {
                    continue;
                }
                float fx = (float) (sx - x0);
                float fy = (float) (sy - y0);
                for (int ch = 0; ch < c; ch++) {
                    int plane = ch * h * w;
                    float top = sample(in, plane, w, h, x0, y0) * (1 - fx) + sample(in, plane, w, h, x0 + 1, y0) * fx;
                    float bottom = sample(in, plane, w, h, x0, y0 + 1) * (1 - fx)
                            + sample(in, plane, w, h, x0 + 1, y0 + 1) * fx;
                    out[plane + y * w + x] = top * (1 - fy) + bottom * fy;
                }
            }
        }
        return new Image(out, c, h, w);
    }

    private static float sample(float[] in, int plane, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0f : in[plane + y * w + x];
    }
}
