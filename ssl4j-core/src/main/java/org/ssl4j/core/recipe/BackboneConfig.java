package org.ssl4j.core.recipe;

import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.nn.Backbones;

/**
 * The encoder architecture.
 *
 * @param name {@code small-convnet}, {@code resnet18}, {@code resnet34}, {@code resnet50}, {@code resnet101}, or a
 *     name another module registers ({@link Backbones#names()}; the video module adds {@code r3d-18},
 *     {@code r2plus1d-18}, {@code r3d-10}, {@code r2plus1d-10})
 * @param width channel multiplier (default 1; a whole number for the image networks, any positive value for those
 *     that scale channels by a fraction, such as the 3D ResNets)
 * @param stem ResNet stem, {@code cifar} (3x3, no pool; default) or {@code imagenet} (7x7/2 and max pool)
 * @param batchNormSplits batch-norm splits in training (default 1: ordinary batch norm); MoCo on one device uses
 *     more, as a substitute for shuffling BN ({@link org.ssl4j.core.nn.SplitBatchNorm})
 */
public record BackboneConfig(String name, Double width, String stem, Integer batchNormSplits) {
    /** Fills defaults and validates. */
    public BackboneConfig {
        name = name == null ? "small-convnet" : name;
        Ssl4jException.check(Backbones.names().contains(name), "backbone.name must be one of %s: %s",
                String.join(", ", Backbones.names()), name);
        width = width == null ? 1.0 : width;
        Ssl4jException.check(width > 0, "backbone.width must be > 0: %s", width);
        stem = stem == null ? "cifar" : stem;
        Ssl4jException.check(stem.equals("cifar") || stem.equals("imagenet"),
                "backbone.stem must be cifar or imagenet: %s", stem);
        batchNormSplits = batchNormSplits == null ? 1 : batchNormSplits;
        Ssl4jException.check(batchNormSplits >= 1, "backbone.batchNormSplits must be >= 1: %s", batchNormSplits);
    }
}
