package org.ssl4j.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.ssl4j.core.method.Methods;
import org.ssl4j.core.recipe.Recipe;
import org.ssl4j.core.recipe.RecipeLoader;
import org.ssl4j.image.ImageMethods;

/**
 * One benchmarked training configuration: a method (SimCLR with NT-Xent and LARS, or MoCo v2 with InfoNCE, momentum
 * encoder, queue and SGD) on a backbone, at an input shape and batch size. The peer script builds the same.
 *
 * @param method {@code simclr} or {@code moco}
 * @param backbone {@code small-convnet} or {@code resnet18} (CIFAR stem)
 * @param channels input channels
 * @param size input side
 * @param batch images per step (SimCLR passes two views of each through the encoder)
 */
public record StepCase(String method, String backbone, int channels, int size, int batch) {
    /** The four rows: both methods on the small ConvNet (28x28, batch 512) and ResNet-18 (32x32, 256). */
    public static List<StepCase> defaults() {
        return List.of(new StepCase("simclr", "small-convnet", 1, 28, 512),
                new StepCase("moco", "small-convnet", 1, 28, 512),
                new StepCase("simclr", "resnet18", 3, 32, 256),
                new StepCase("moco", "resnet18", 3, 32, 256));
    }

    /** A row label such as {@code simclr small-convnet 1x28x28 b512}. */
    public String label() {
        return String.format(Locale.ROOT, "%s %s %dx%dx%d b%d", method, backbone, channels, size, size, batch);
    }

    /** The registry of methods a case can name. */
    static Methods methods() {
        return ImageMethods.register(Methods.builder()).build();
    }

    /**
     * The case as a recipe: the method's paper optimiser and settings (learning rates do not change the cost), and the
     * SimCLR augmentations of the shipped digit recipe for one channel or of the paper's CIFAR-10 setup (no blur) for
     * three.
     */
    public Recipe recipe() {
        String net = backbone.equals("resnet18") ? "{name: resnet18, stem: cifar}" : "{name: small-convnet}";
        String yaml = method.equals("simclr")
                ? "method: {name: simclr, temperature: 0.5}\noptim: {name: lars, lr: 0.3, weightDecay: 1.0e-6}\n"
                : "method: {name: moco, temperature: 0.2, queueSize: 4096, momentum: 0.99}\n"
                        + "optim: {name: sgd, lr: 0.03, weightDecay: 1.0e-4}\n";
        String augment = channels == 1
                ? "augment: {cropScale: [0.3, 1.0], flip: 0.0, blurSigma: [0.1, 1.0]}\n"
                : "augment: {blurProbability: 0.0}\n";
        yaml = "name: bench\nseed: 0\nbackbone: " + net + "\n" + yaml + augment + "train: {batchSize: " + batch
                + "}\n";
        return new RecipeLoader(methods()).load("bench case " + label(),
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), List.of());
    }
}
