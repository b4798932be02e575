package org.ssl4j.image.augment;

import java.util.SplittableRandom;

/**
 * SimCLR's colour distortion (appendix A, {@code color_jitter(0.8s, 0.8s, 0.8s, 0.2s)}), applied with probability
 * {@code p}: brightness, contrast, saturation factors uniform in {@code [1 - 0.8s, 1 + 0.8s]} and a hue shift uniform
 * in {@code [-0.2s, 0.2s]} turns, in a random order, each result clipped to [0, 1] as in torchvision. One-channel
 * images get brightness and contrast only.
 */
public final class ColorJitter implements Augmentation {
    private final double probability;
    private final double brightness;
    private final double contrast;
    private final double saturation;
    private final double hue;

    /**
     * @param probability chance of applying the distortion
     * @param strength s
     */
    public ColorJitter(double probability, double strength) {
        this.probability = probability;
        this.brightness = 0.8 * strength;
        this.contrast = 0.8 * strength;
        this.saturation = 0.8 * strength;
        this.hue = Math.min(0.5, 0.2 * strength);
    }

    @Override
    public Image apply(Image image, SplittableRandom random) {
        if (random.nextDouble() >= probability) {
            return image;
        }
        boolean rgb = image.channels() == 3;
        int[] order = {0, 1, 2, 3};
        for (int i = 3; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int op : order) {
            switch (op) {
                case 0 -> scale(image.data(), factor(random, brightness));
                case 1 -> contrast(image, factor(random, contrast));
                case 2 -> {
                    double f = factor(random, saturation);
                    if (rgb) {
                        saturate(image, f);
                    }
                }
                default -> {
                    double shift = RandomResizedCrop.uniform(random, -hue, hue);
                    if (rgb) {
                        shiftHue(image, shift);
                    }
                }
            }
        }
        return image;
    }

    private static double factor(SplittableRandom random, double amount) {
        return RandomResizedCrop.uniform(random, Math.max(0, 1 - amount), 1 + amount);
    }

    private static void scale(float[] d, double f) {
        for (int i = 0; i < d.length; i++) {
            d[i] = clip((float) (d[i] * f));
        }
    }

    /** Blend with the mean grey level: {@code (x - m) f + m}. */
    private static void contrast(Image image, double f) {
        float[] d = image.data();
        float[] grey = Grayscale.luma(image);
        double mean = 0;
        for (float g : grey) {
            mean += g;
        }
        mean /= grey.length;
        for (int i = 0; i < d.length; i++) {
            d[i] = clip((float) ((d[i] - mean) * f + mean));
        }
    }

    /** Blend each pixel with its own grey level. */
    private static void saturate(Image image, double f) {
        float[] d = image.data();
        float[] grey = Grayscale.luma(image);
        int plane = image.height() * image.width();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                d[c * plane + i] = clip((float) ((d[c * plane + i] - grey[i]) * f + grey[i]));
            }
        }
    }

    /** Rotates the hue by {@code shift} turns through HSV. */
    private static void shiftHue(Image image, double shift) {
        float[] d = image.data();
        int plane = image.height() * image.width();
        for (int i = 0; i < plane; i++) {
            float r = d[i];
            float g = d[plane + i];
            float b = d[2 * plane + i];
            float max = Math.max(r, Math.max(g, b));
            float min = Math.min(r, Math.min(g, b));
            float delta = max - min;
            if (delta == 0) {
                continue;
            }
            double h;
            if (max == r) {
                h = ((g - b) / delta) / 6.0;
            } else if (max == g) {
                h = ((b - r) / delta + 2) / 6.0;
            } else {
                h = ((r - g) / delta + 4) / 6.0;
            }
            h = ((h + shift) % 1 + 1) % 1;
            double s = delta / max;
            double v = max;
            double hh = h * 6;
            int sector = (int) Math.floor(hh) % 6;
            double f = hh - Math.floor(hh);
            double p = v * (1 - s);
            double q = v * (1 - s * f);
            double t = v * (1 - s * (1 - f));
            double[] rgb = switch (sector) {
                case 0 -> new double[] {v, t, p};
                case 1 -> new double[] {q, v, p};
                case 2 -> new double[] {p, v, t};
                case 3 -> new double[] {p, q, v};
                case 4 -> new double[] {t, p, v};
                default -> new double[] {v, p, q};
            };
            d[i] = (float) rgb[0];
            d[plane + i] = (float) rgb[1];
            d[2 * plane + i] = (float) rgb[2];
        }
    }

    private static float clip(float v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }
}
