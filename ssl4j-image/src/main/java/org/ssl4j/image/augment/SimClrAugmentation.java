package org.ssl4j.image.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ssl4j.core.data.ViewTransform;
import org.ssl4j.core.recipe.AugmentConfig;

/**
 * The SimCLR view transform (appendix A): each view independently gets RandomResizedCrop, horizontal flip, colour
 * jitter, random grayscale and Gaussian blur, in that order, configured by an {@link AugmentConfig}; an optional
 * {@link RandomAffine} warp comes first. Two views for
 * pretraining; one for supervised fine-tuning.
 */
public final class SimClrAugmentation implements ViewTransform {
    private final int size;
    private final int views;
    private final List<Augmentation> pipeline;

    /**
     * The two-view pretraining transform.
     *
     * @param config the augmentation settings
     * @param inputSize the side of the input images, used when {@code config.size()} is unset
     */
    public SimClrAugmentation(AugmentConfig config, int inputSize) {
        this(config, inputSize, 2);
    }

    /**
     * The fine-tuning transform of SimCLR appendix B.5: one view with only the crop and flip of {@code config}.
     *
     * @param inputSize the side of the input images, used when {@code config.size()} is unset
     */
    public static SimClrAugmentation cropAndFlip(AugmentConfig config, int inputSize) {
        return new SimClrAugmentation(new AugmentConfig(config.size(), config.cropScale(), config.cropRatio(),
                config.flip(), 0.0, config.jitterStrength(), 0.0, 0.0, config.blurSigma(), null), inputSize, 1);
    }

    private SimClrAugmentation(AugmentConfig config, int inputSize, int views) {
        this.views = views;
        this.size = config.size() == null ? inputSize : config.size();
        List<Augmentation> steps = new ArrayList<>();
        AugmentConfig.Affine affine = config.affine();
        if (affine != null) {
            steps.add(new RandomAffine(affine.probability(), affine.degrees(), affine.translate(),
                    affine.scale().get(0), affine.scale().get(1), affine.shear()));
        }
        steps.addAll(List.of(
                new RandomResizedCrop(size, config.cropScale().get(0), config.cropScale().get(1),
                        config.cropRatio().get(0), config.cropRatio().get(1)),
                new HorizontalFlip(config.flip()),
                new ColorJitter(config.jitterProbability(), config.jitterStrength()),
                new Grayscale(config.grayscale()),
                new GaussianBlur(config.blurProbability(), config.blurSigma().get(0), config.blurSigma().get(1))));
        this.pipeline = List.copyOf(steps);
    }

    @Override
    public int numViews() {
        return views;
    }

    @Override
    public int[] viewShape(int[] sampleShape) {
        return new int[] {sampleShape[0], size, size};
    }

    @Override
    public void apply(float[] sample, int[] sampleShape, SplittableRandom random, float[][] views, int position) {
        for (float[] view : views) {
            Image image = Image.of(sample, 0, sampleShape[0], sampleShape[1], sampleShape[2]);
            for (Augmentation augmentation : pipeline) {
                image = augmentation.apply(image, random);
            }
            System.arraycopy(image.data(), 0, view, position * image.data().length, image.data().length);
        }
    }
}
