package org.ssl4j.core.recipe;

import org.ssl4j.core.Ssl4jException;

/**
 * The encoder architecture.
 *
 * @param name {@code small-convnet}, {@code resnet18}, {@code resnet34}, {@code resnet50} or {@code resnet101}
 * @param width channel multiplier (default 1)
 * @param stem ResNet stem, {@code cifar} (3x3, no pool; default) or {@code imagenet} (7x7/2 and max pool)
 * @param batchNormSplits batch-norm splits in training (default 1: ordinary batch norm); MoCo on one device uses
 *     more, as a substitute for shuffling BN ({@link org.ssl4j.core.nn.SplitBatchNorm})
 */
public record BackboneConfig(String name, Integer width, String stem, Integer batchNormSplits) {
    /** Fills defaults and validates. */
    public BackboneConfig {
        name = name == null ? "small-convnet" : name;
        Ssl4jException.check(name.equals("small-convnet") || name.matches("resnet(18|34|50|101)"),
                "backbone.name must be small-convnet, resnet18, resnet34, resnet50 or resnet101: %s", name);
        width = width == null ? 1 : width;
        Ssl4jException.check(width >= 1, "backbone.width must be >= 1: %s", width);
        stem = stem == null ? "cifar" : stem;
        Ssl4jException.check(stem.equals("cifar") || stem.equals("imagenet"),
                "backbone.stem must be cifar or imagenet: %s", stem);
        batchNormSplits = batchNormSplits == null ? 1 : batchNormSplits;
        Ssl4jException.check(batchNormSplits >= 1, "backbone.batchNormSplits must be >= 1: %s", batchNormSplits);
    }
}
