package org.ssl4j.core.nn;

import org.ssl4j.core.recipe.BackboneConfig;

/** Creates the backbone a recipe names. */
public final class Backbones {
    private Backbones() {}

    /** A fresh, uninitialised backbone for {@code config}. */
    public static Backbone create(BackboneConfig config) {
        if (config.name().equals("small-convnet")) {
            return new SmallConvNet(config.width(), config.batchNormSplits());
        }
        int depth = Integer.parseInt(config.name().substring("resnet".length()));
        ResNet.Stem stem = config.stem().equals("imagenet") ? ResNet.Stem.IMAGENET : ResNet.Stem.CIFAR;
        return new ResNet(depth, stem, config.width(), config.batchNormSplits());
    }
}
