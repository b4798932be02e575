package org.ssl4j.core.recipe;

import java.util.List;
import org.ssl4j.core.Ssl4jException;

/**
 * The SimCLR view augmentations (Chen et al. 2020, appendix A), each drawn independently per sample and view.
 *
 * @param size output side length in pixels (default: the input's)
 * @param cropScale RandomResizedCrop area fraction range (default [0.08, 1.0], the paper's)
 * @param cropRatio RandomResizedCrop aspect-ratio range (default [3/4, 4/3])
 * @param flip probability of a horizontal flip (default 0.5; set 0 for digits)
 * @param jitterProbability probability of colour jitter (default 0.8)
 * @param jitterStrength colour-distortion strength s: brightness, contrast, saturation 0.8s, hue 0.2s (default 0.5)
 * @param grayscale probability of converting to grey (default 0.2; ignored for one-channel input)
 * @param blurProbability probability of Gaussian blur (default 0.5)
 * @param blurSigma blur sigma range in output pixels (default [0.1, 2.0], the paper's for 224x224 inputs)
 * @param affine a random affine warp before the crop (default none; not in SimCLR's list, useful for handwriting)
 */
public record AugmentConfig(
        Integer size,
        List<Double> cropScale,
        List<Double> cropRatio,
        Double flip,
        Double jitterProbability,
        Double jitterStrength,
        Double grayscale,
        Double blurProbability,
        List<Double> blurSigma,
        Affine affine) {
    /** Fills defaults and validates. */
    public AugmentConfig {
        Ssl4jException.check(size == null || size >= 4, "augment.size must be >= 4: %s", size);
        cropScale = range("augment.cropScale", cropScale, 0.08, 1.0);
        Ssl4jException.check(cropScale.get(0) > 0 && cropScale.get(1) <= 1,
                "augment.cropScale must lie in (0, 1]: %s", cropScale);
        cropRatio = range("augment.cropRatio", cropRatio, 3.0 / 4, 4.0 / 3);
        Ssl4jException.check(cropRatio.get(0) > 0, "augment.cropRatio must be > 0: %s", cropRatio);
        flip = probability("augment.flip", flip, 0.5);
        jitterProbability = probability("augment.jitterProbability", jitterProbability, 0.8);
        jitterStrength = jitterStrength == null ? 0.5 : jitterStrength;
        Ssl4jException.check(jitterStrength >= 0, "augment.jitterStrength must be >= 0: %s", jitterStrength);
        grayscale = probability("augment.grayscale", grayscale, 0.2);
        blurProbability = probability("augment.blurProbability", blurProbability, 0.5);
        blurSigma = range("augment.blurSigma", blurSigma, 0.1, 2.0);
        Ssl4jException.check(blurSigma.get(0) > 0, "augment.blurSigma must be > 0: %s", blurSigma);
    }

    /**
     * A random affine warp about the centre, as torchvision's {@code RandomAffine}.
     *
     * @param probability chance of warping (default 1)
     * @param degrees largest rotation in degrees (default 0)
     * @param translate largest shift as a fraction of the side (default 0)
     * @param scale zoom range (default [1, 1])
     * @param shear largest horizontal shear in degrees (default 0)
     */
    public record Affine(Double probability, Double degrees, Double translate, List<Double> scale, Double shear) {
        /** Fills defaults and validates. */
        public Affine {
            probability = AugmentConfig.probability("augment.affine.probability", probability, 1.0);
            degrees = degrees == null ? 0.0 : degrees;
            Ssl4jException.check(degrees >= 0, "augment.affine.degrees must be >= 0: %s", degrees);
            translate = translate == null ? 0.0 : translate;
            Ssl4jException.check(translate >= 0 && translate <= 1, "augment.affine.translate must lie in [0, 1]: %s",
                    translate);
            scale = range("augment.affine.scale", scale, 1.0, 1.0);
            Ssl4jException.check(scale.get(0) > 0, "augment.affine.scale must be > 0: %s", scale);
            shear = shear == null ? 0.0 : shear;
            Ssl4jException.check(shear >= 0 && shear < 90, "augment.affine.shear must lie in [0, 90): %s", shear);
        }
    }

    private static double probability(String key, Double value, double fallback) {
        double p = value == null ? fallback : value;
        Ssl4jException.check(p >= 0 && p <= 1, "%s must be a probability in [0, 1]: %s", key, p);
        return p;
    }

    private static List<Double> range(String key, List<Double> value, double low, double high) {
        if (value == null) {
            return List.of(low, high);
        }
        Ssl4jException.check(value.size() == 2 && value.get(0) <= value.get(1),
                "%s must be [low, high] with low <= high: %s", key, value);
        return List.copyOf(value);
    }
}
