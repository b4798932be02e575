package org.ssl4j.core.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.recipe.BackboneConfig;

/**
 * Creates the backbone a recipe names: core's image networks ({@code small-convnet}, {@code resnet10/18/34/50/101}) and
 * those of every {@link BackboneFamily} on the class path. Backbones are found by service loading rather than an
 * explicit registry like {@link org.ssl4j.core.method.Methods} because encoders are also loaded by users' code through
 * {@link org.ssl4j.core.encoder.Encoders}, which cannot know which modules trained them.
 */
public final class Backbones {
    private static final List<BackboneFamily> FAMILIES = families();

    private Backbones() {}

    /** Every name {@link #create} accepts, sorted. */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>();
        FAMILIES.forEach(f -> names.addAll(f.names()));
        return names;
    }

    /** A fresh, uninitialised backbone for {@code config}. */
    public static Backbone create(BackboneConfig config) {
        for (BackboneFamily family : FAMILIES) {
            if (family.names().contains(config.name())) {
                return family.create(config);
            }
        }
        throw new Ssl4jException("backbone.name must be one of " + String.join(", ", names()) + ": " + config.name());
    }

    private static List<BackboneFamily> families() {
        List<BackboneFamily> families = new ArrayList<>();
        families.add(new ImageFamily());
        ServiceLoader.load(BackboneFamily.class, Backbones.class.getClassLoader()).forEach(families::add);
        return List.copyOf(families);
    }

    /** Core's 2D networks; their width multiplier is a whole number. */
    private static final class ImageFamily implements BackboneFamily {
        @Override
        public Set<String> names() {
            return Set.of("small-convnet", "resnet10", "resnet18", "resnet34", "resnet50", "resnet101");
        }

        @Override
        public Backbone create(BackboneConfig config) {
            double width = config.width();
            Ssl4jException.check(width == Math.rint(width) && width >= 1,
                    "backbone.width must be a whole number >= 1 for %s: %s", config.name(), width);
            if (config.name().equals("small-convnet")) {
                return new SmallConvNet((int) width, config.batchNormSplits());
            }
            int depth = Integer.parseInt(config.name().substring("resnet".length()));
            ResNet.Stem stem = config.stem().equals("imagenet") ? ResNet.Stem.IMAGENET : ResNet.Stem.CIFAR;
            return new ResNet(depth, stem, (int) width, config.batchNormSplits());
        }
    }
}
