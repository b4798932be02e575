package org.ssl4j.image.augment;

import java.util.SplittableRandom;

/**
 * Gaussian blur with probability {@code p} and sigma uniform in {@code [minSigma, maxSigma]} pixels (SimCLR appendix
 * A), as a separable convolution with a kernel of radius {@code ceil(3 sigma)} and reflected borders.
 */
public final class GaussianBlur implements Augmentation {
    private final double probability;
    private final double minSigma;
    private final double maxSigma;

    /**
     * @param probability in [0, 1]
     * @param minSigma smallest sigma in pixels, &gt; 0
     * @param maxSigma largest sigma
     */
    public GaussianBlur(double probability, double minSigma, double maxSigma) {
        if (!(minSigma > 0 && minSigma <= maxSigma)) {
            throw new IllegalArgumentException("sigma range must satisfy 0 < min <= max: " + minSigma + ", " + maxSigma);
        }
        this.probability = probability;
        this.minSigma = minSigma;
        this.maxSigma = maxSigma;
    }

    @Override
    public Image apply(Image image, SplittableRandom random) {
        if (random.nextDouble() >= probability) {
            return image;
        }
        double sigma = RandomResizedCrop.uniform(random, minSigma, maxSigma);
        return blur(image, sigma);
    }

    /** Blurs {@code image} in place with a Gaussian of {@code sigma} pixels. */
    static Image blur(Image image, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double v = Math.exp(-0.5 * i * i / (sigma * sigma));
            kernel[i + radius] = (float) v;
            sum += v;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        int h = image.height();
        int w = image.width();
        float[] d = image.data();
        float[] tmp = new float[h * w];
        for (int c = 0; c < image.channels(); c++) {
            int base = c * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        acc += kernel[k + radius] * d[base + y * w + reflect(x + k, w)];
                    }
                    tmp[y * w + x] = acc;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        acc += kernel[k + radius] * tmp[reflect(y + k, h) * w + x];
                    }
                    d[base + y * w + x] = acc;
                }
            }
        }
        return image;
    }

    /** Mirror index into [0, n) without repeating the edge (numpy/torch "reflect"). */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
