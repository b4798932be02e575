package org.ssl4j.image.augment;

import java.util.List;
import java.util.SplittableRandom;
import org.ssl4j.core.data.ViewTransform;
import org.ssl4j.core.recipe.AugmentConfig;

/**
 * The SimCLR two-view transform (appendix A): each view independently gets RandomResizedCrop, horizontal flip, colour
 * jitter, random grayscale and Gaussian blur, in that order, configured by an {@link AugmentConfig}.
 */
public final class SimClrAugmentation implements ViewTransform {
    private final int size;
    private final List<Augmentation> pipeline;

    /**
     * @param config the augmentation settings
     * @param inputSize the side of the input images, used when {@code config.size()} is unset
     */
    public SimClrAugmentation(AugmentConfig config, int inputSize) {
        this.size = config.size() == null ? inputSize : config.size();
        this.pipeline = List.of(
                new RandomResizedCrop(size, config.cropScale().get(0), config.cropScale().get(1),
                        config.cropRatio().get(0), config.cropRatio().get(1)),
                new HorizontalFlip(config.flip()),
                new ColorJitter(config.jitterProbability(), config.jitterStrength()),
                new Grayscale(config.grayscale()),
                new GaussianBlur(config.blurProbability(), config.blurSigma().get(0), config.blurSigma().get(1)));
    }

    @Override
    public int numViews() {
        return 2;
    }

    @Override
    public int[] viewShape(int[] sampleShape) {
        return new int[] {sampleShape[0], size, size};
    }

    @Override
    public void apply(float[] sample, int[] sampleShape, SplittableRandom random, float[][] views, int offset) {
        for (float[] view : views) {
            Image image = Image.of(sample, 0, sampleShape[0], sampleShape[1], sampleShape[2]);
            for (Augmentation augmentation : pipeline) {
                image = augmentation.apply(image, random);
            }
            System.arraycopy(image.data(), 0, view, offset, image.data().length);
        }
    }
}
