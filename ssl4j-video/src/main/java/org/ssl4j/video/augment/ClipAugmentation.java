package org.ssl4j.video.augment;

import java.util.SplittableRandom;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.ViewTransform;
import org.ssl4j.core.recipe.AugmentConfig;

/**
 * Clip-consistent augmentation for video contrastive learning (Qian et al. 2021, CVRL; Feichtenhofer et al. 2021):
 * each of the {@code views} clips of a {@code ClipDataset} sample becomes one view, and every random choice (the
 * crop box, the flip, the colour jitter, grey) is drawn once per clip and applied to all its frames, so that the
 * views differ in appearance but a clip's motion is left intact. The SimCLR recipe per clip: random resized crop
 * (area fraction in {@code cropScale}, aspect ratio in [3/4, 4/3]) resized bilinearly to {@code size}, horizontal
 * flip, colour jitter (brightness, contrast, saturation by up to {@code 0.8 * jitterStrength}, in random order)
 * and random grey.
 * Hand-written because the image module's transforms work on single pictures and the video module depends on core
 * only; the per-frame work is a bilinear resample and three pointwise maps.
 *
 * @param views clips per sample, each one view (2 for contrastive pretraining, 1 for fine-tuning)
 * @param size output height and width
 * @param cropMin smallest crop area fraction
 * @param cropMax largest crop area fraction
 * @param flipProbability probability of a horizontal flip (0 for direction-sensitive motion classes)
 * @param jitterProbability probability of colour jitter
 * @param jitterStrength SimCLR's s: brightness, contrast and saturation factors in [1 - 0.8 s, 1 + 0.8 s]
 * @param greyProbability probability of converting to grey
 */
public record ClipAugmentation(int views, int size, double cropMin, double cropMax, double flipProbability,
        double jitterProbability, double jitterStrength, double greyProbability) implements ViewTransform {
    /** Checks the values. */
    public ClipAugmentation {
        Ssl4jException.check(views >= 1, "clip augmentation needs >= 1 view, got %d", views);
        Ssl4jException.check(size >= 8, "clip view size must be >= 8, got %d", size);
        Ssl4jException.check(cropMin > 0 && cropMin <= cropMax && cropMax <= 1,
                "clip crop scale must satisfy 0 < min <= max <= 1, got [%s, %s]", cropMin, cropMax);
        for (double p : new double[] {flipProbability, jitterProbability, greyProbability}) {
            Ssl4jException.check(p >= 0 && p <= 1, "clip augmentation probabilities must be in [0, 1], got %s", p);
        }
        Ssl4jException.check(jitterStrength >= 0 && jitterStrength <= 1.25,
                "clip jitter strength must be in [0, 1.25], got %s", jitterStrength);
    }

    /**
     * The recipe's augmentations for clips: {@code augment.size} (default {@code inputSize}), {@code cropScale},
     * {@code flip}, {@code jitterProbability}, {@code jitterStrength} and {@code grayscale}. The crop's aspect ratios
     * are torchvision's [3/4, 4/3]; blur is an image augmentation and is not applied to clips.
     */
    public static ClipAugmentation of(AugmentConfig config, int views, int inputSize) {
        Ssl4jException.check(config.affine() == null, "augment.affine applies to images only, not to video clips");
        return new ClipAugmentation(views, config.size() == null ? inputSize : config.size(), config.cropScale().get(0),
                config.cropScale().get(1), config.flip(), config.jitterProbability(), config.jitterStrength(),
                config.grayscale());
    }

    /** Random crops (area fraction {@code cropScale}) and flips alone, as fine-tuning uses: one view. */
    public ClipAugmentation cropAndFlip() {
        return new ClipAugmentation(1, size, cropMin, cropMax, flipProbability, 0, jitterStrength, 0);
    }

    @Override
    public int numViews() {
        return views;
    }

    /** {@code (3, T, size, size)} from samples {@code (clips, 3, T, H, W)} with {@link #numViews()} clips. */
    @Override
    public int[] viewShape(int[] sampleShape) {
        Ssl4jException.check(sampleShape.length == 5 && sampleShape[0] == numViews() && sampleShape[1] == 3,
                "clip augmentation needs samples of %d RGB clips (clips, 3, T, H, W), got %s", numViews(),
                java.util.Arrays.toString(sampleShape));
        return new int[] {3, sampleShape[2], size, size};
    }

    @Override
    public void apply(float[] sample, int[] sampleShape, SplittableRandom random, float[][] views, int position) {
        int frames = sampleShape[2];
        int h = sampleShape[3];
        int w = sampleShape[4];
        int clipLength = 3 * frames * h * w;
        int offset = position * 3 * frames * size * size;
        for (int v = 0; v < numViews(); v++) {
            augmentClip(sample, v * clipLength, frames, h, w, random, views[v], offset);
        }
    }

    /**
     * Augments one clip {@code (3, frames, h, w)} of {@code src} starting at {@code at} into {@code dst} at
     * {@code offset} as {@code (3, frames, size, size)}, with one draw of every random choice for all its frames.
     *
     * @return the crop drawn, for views that must follow the clip's geometry
     */
    public Crop augmentClip(float[] src, int at, int frames, int h, int w, SplittableRandom random, float[] dst,
            int offset) {
        // One draw per clip, in a fixed order so that a seed replays.
        double[] box = cropBox(h, w, random); // {x0, y0, cw, ch}
        double x0 = box[0];
        double y0 = box[1];
        double cw = box[2];
        double ch = box[3];
        boolean flip = random.nextDouble() < flipProbability;
        boolean jitter = random.nextDouble() < jitterProbability;
        double s = 0.8 * jitterStrength;
        double brightness = 1 + s * (2 * random.nextDouble() - 1);
        double contrast = 1 + s * (2 * random.nextDouble() - 1);
        double saturation = 1 + s * (2 * random.nextDouble() - 1);
        int[] order = {0, 1, 2};
        for (int i = 2; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean grey = random.nextDouble() < greyProbability;

        int plane = size * size;
        float[] rgb = new float[3 * plane];
        for (int t = 0; t < frames; t++) {
            for (int c = 0; c < 3; c++) {
                int source = at + (c * frames + t) * h * w;
                for (int y = 0; y < size; y++) {
                    double sy = y0 + (y + 0.5) * ch / size - 0.5;
                    for (int x = 0; x < size; x++) {
                        int xx = flip ? size - 1 - x : x;
                        double sx = x0 + (xx + 0.5) * cw / size - 0.5;
                        rgb[c * plane + y * size + x] = bilinear(src, source, h, w, sy, sx);
                    }
                }
            }
            if (jitter) {
                for (int op : order) {
                    switch (op) {
                        case 0 -> scale(rgb, brightness);
                        case 1 -> blend(rgb, contrast, meanGrey(rgb, plane));
                        default -> saturate(rgb, saturation, plane);
                    }
                }
            }
            if (grey) {
                saturate(rgb, 0, plane);
            }
            for (int c = 0; c < 3; c++) {
                System.arraycopy(rgb, c * plane, dst, offset + (c * frames + t) * plane, plane);
            }
        }
        return new Crop(x0, y0, cw, ch, flip);
    }

    /**
     * Crops vector fields as a clip was cropped: resamples the {@code (2, frames, m, m)} maps at {@code at} (x then
     * y displacement, in cells of the map), which cover a {@code decoded}-pixel square picture, to the box of
     * {@code crop}, mirrored when it is, as {@code (2, frames, m, m)} in cells of the cropped map. Motion vectors
     * (CMD) and optical flow (MoDist) follow their RGB clip's geometry this way.
     */
    public static void cropVectors(float[] src, int at, int frames, int m, Crop crop, int decoded,
            float[] dst, int offset) {
        double cells = (double) m / decoded; // source map cells per source pixel
        double[] gain = {decoded / crop.width(), decoded / crop.height()}; // a source cell in cropped cells
        if (crop.flipped()) {
            gain[0] = -gain[0];
        }
        int plane = m * m;
        for (int c = 0; c < 2; c++) {
            for (int t = 0; t < frames; t++) {
                int source = at + (c * frames + t) * plane;
                int out = offset + (c * frames + t) * plane;
                for (int y = 0; y < m; y++) {
                    double sy = (crop.y() + (y + 0.5) * crop.height() / m) * cells - 0.5;
                    for (int x = 0; x < m; x++) {
                        int xx = crop.flipped() ? m - 1 - x : x;
                        double sx = (crop.x() + (xx + 0.5) * crop.width() / m) * cells - 0.5;
                        dst[out + y * m + x] = (float) (bilinear(src, source, m, m, sy, sx) * gain[c]);
                    }
                }
            }
        }
    }

    /**
     * The geometry of one augmented clip: the box of the source picture it shows, in source pixels, and whether it
     * is mirrored left to right.
     */
    public record Crop(double x, double y, double width, double height, boolean flipped) {
    }

    /**
     * torchvision's RandomResizedCrop box: up to 10 draws of area fraction and log-uniform aspect ratio until the box
     * fits, else the whole picture cropped to the nearest allowed ratio.
     */
    private double[] cropBox(int h, int w, SplittableRandom random) {
        double logLow = Math.log(3.0 / 4);
        double logHigh = Math.log(4.0 / 3);
        for (int attempt = 0; attempt < 10; attempt++) {
            double area = h * w * (cropMin + (cropMax - cropMin) * random.nextDouble());
            double ratio = Math.exp(logLow + (logHigh - logLow) * random.nextDouble());
            double cw = Math.sqrt(area * ratio);
            double ch = Math.sqrt(area / ratio);
            if (cw <= w && ch <= h) {
                return new double[] {(w - cw) * random.nextDouble(), (h - ch) * random.nextDouble(), cw, ch};
            }
        }
        double ratio = Math.max(3.0 / 4, Math.min(4.0 / 3, (double) w / h));
        double cw = Math.min(w, h * ratio);
        double ch = Math.min(h, w / ratio);
        return new double[] {(w - cw) / 2, (h - ch) / 2, cw, ch};
    }

    /** The value of plane {@code (h, w)} at {@code at} in {@code src} at {@code (y, x)}, clamped at the border. */
    public static float bilinear(float[] src, int at, int h, int w, double y, double x) {
        double cy = Math.max(0, Math.min(h - 1, y));
        double cx = Math.max(0, Math.min(w - 1, x));
        int y0 = (int) cy;
        int x0 = (int) cx;
        int y1 = Math.min(h - 1, y0 + 1);
        int x1 = Math.min(w - 1, x0 + 1);
        double fy = cy - y0;
        double fx = cx - x0;
        return (float) ((1 - fy) * ((1 - fx) * src[at + y0 * w + x0] + fx * src[at + y0 * w + x1])
                + fy * ((1 - fx) * src[at + y1 * w + x0] + fx * src[at + y1 * w + x1]));
    }

    private static void scale(float[] rgb, double factor) {
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = clamp(rgb[i] * factor);
        }
    }

    private static void blend(float[] rgb, double factor, double mean) {
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = clamp(mean + (rgb[i] - mean) * factor);
        }
    }

    private static double meanGrey(float[] rgb, int plane) {
        double sum = 0;
        for (int p = 0; p < plane; p++) {
            sum += luma(rgb, plane, p);
        }
        return sum / plane;
    }

    /** Blends each pixel with its grey level: 0 gives grey, 1 the input. */
    private static void saturate(float[] rgb, double factor, int plane) {
        for (int p = 0; p < plane; p++) {
            double g = luma(rgb, plane, p);
            for (int c = 0; c < 3; c++) {
                rgb[c * plane + p] = clamp(g + (rgb[c * plane + p] - g) * factor);
            }
        }
    }

    /** ITU-R 601 luma, as torchvision's rgb_to_grayscale. */
    private static double luma(float[] rgb, int plane, int p) {
        return 0.299 * rgb[p] + 0.587 * rgb[plane + p] + 0.114 * rgb[2 * plane + p];
    }

    private static float clamp(double v) {
        return (float) Math.min(1, Math.max(0, v));
    }
}
