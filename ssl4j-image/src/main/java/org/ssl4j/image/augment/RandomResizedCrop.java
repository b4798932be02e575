package org.ssl4j.image.augment;

import java.util.SplittableRandom;

/**
 * Crops a random region and resizes it to {@code size x size} with bilinear interpolation, as torchvision's
 * {@code RandomResizedCrop} (Szegedy et al. 2015; SimCLR appendix A): the area fraction is uniform in {@code scale},
 * the log aspect ratio uniform in {@code log(ratio)}; after 10 failed draws it falls back to a central crop.
 */
public final class RandomResizedCrop implements Augmentation {
    private static final int ATTEMPTS = 10;

    private final int size;
    private final double minScale;
    private final double maxScale;
    private final double minLogRatio;
    private final double maxLogRatio;

    /**
     * A crop box in input pixels.
     *
     * @param top first row
     * @param left first column
     * @param height rows
     * @param width columns
     */
    public record Box(int top, int left, int height, int width) {}

    /**
     * @param size output side
     * @param minScale smallest area fraction, in (0, 1]
     * @param maxScale largest area fraction
     * @param minRatio smallest aspect ratio w/h
     * @param maxRatio largest aspect ratio
     */
    public RandomResizedCrop(int size, double minScale, double maxScale, double minRatio, double maxRatio) {
        if (size < 1 || !(minScale > 0 && minScale <= maxScale && maxScale <= 1) || !(minRatio > 0
                && minRatio <= maxRatio)) {
            throw new IllegalArgumentException("invalid crop: size " + size + ", scale [" + minScale + ", " + maxScale
                    + "], ratio [" + minRatio + ", " + maxRatio + "]");
        }
        this.size = size;
        this.minScale = minScale;
        this.maxScale = maxScale;
        this.minLogRatio = Math.log(minRatio);
        this.maxLogRatio = Math.log(maxRatio);
    }

    /** Draws a crop box for an {@code height x width} input. */
    public Box sampleBox(int height, int width, SplittableRandom random) {
        double area = (double) height * width;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double target = area * uniform(random, minScale, maxScale);
            double ratio = Math.exp(uniform(random, minLogRatio, maxLogRatio));
            int w = (int) Math.round(Math.sqrt(target * ratio));
            int h = (int) Math.round(Math.sqrt(target / ratio));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = random.nextInt(height - h + 1);
                int left = random.nextInt(width - w + 1);
                return new Box(top, left, h, w);
            }
        }
        double inRatio = (double) width / height;
        int w;
        int h;
        if (inRatio < Math.exp(minLogRatio)) {
            w = width;
            h = (int) Math.round(w / Math.exp(minLogRatio));
        } else if (inRatio > Math.exp(maxLogRatio)) {
            h = height;
            w = (int) Math.round(h * Math.exp(maxLogRatio));
        } else {
            w = width;
            h = height;
        }
        return new Box((height - h) / 2, (width - w) / 2, h, w);
    }

    @Override
    public Image apply(Image image, SplittableRandom random) {
        return resize(image, sampleBox(image.height(), image.width(), random), size);
    }

    /** Bilinear resampling of {@code box} to {@code size x size} with half-pixel centres (align_corners=False). */
    public static Image resize(Image image, Box box, int size) {
        int c = image.channels();
        float[] out = new float[c * size * size];
        double sy = (double) box.height() / size;
        double sx = (double) box.width() / size;
        int[] x0 = new int[size];
        int[] x1 = new int[size];
        float[] fx = new float[size];
        for (int x = 0; x < size; x++) {
            double src = Math.max(0, (x + 0.5) * sx - 0.5);
            int base = (int) src;
            x0[x] = box.left() + Math.min(base, box.width() - 1);
            x1[x] = box.left() + Math.min(base + 1, box.width() - 1);
            fx[x] = (float) (src - base);
        }
        float[] in = image.data();
        int h = image.height();
        int w = image.width();
        for (int y = 0; y < size; y++) {
            double src = Math.max(0, (y + 0.5) * sy - 0.5);
            int base = (int) src;
            int y0 = box.top() + Math.min(base, box.height() - 1);
            int y1 = box.top() + Math.min(base + 1, box.height() - 1);
            float fy = (float) (src - base);
            for (int ch = 0; ch < c; ch++) {
                int r0 = (ch * h + y0) * w;
                int r1 = (ch * h + y1) * w;
                int o = (ch * size + y) * size;
                for (int x = 0; x < size; x++) {
                    float top = in[r0 + x0[x]] + (in[r0 + x1[x]] - in[r0 + x0[x]]) * fx[x];
                    float bottom = in[r1 + x0[x]] + (in[r1 + x1[x]] - in[r1 + x0[x]]) * fx[x];
                    out[o + x] = top + (bottom - top) * fy;
                }
            }
        }
        return new Image(out, c, size, size);
    }

    static double uniform(SplittableRandom random, double low, double high) {
        return low == high ? low : low + (high - low) * random.nextDouble();
    }
}
