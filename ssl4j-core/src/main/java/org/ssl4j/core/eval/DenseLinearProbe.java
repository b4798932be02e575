package org.ssl4j.core.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import java.util.stream.IntStream;
import org.ssl4j.core.data.BatchLoader;
import org.ssl4j.core.data.PixelLabelled;
import org.ssl4j.core.data.Subset;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.ParameterLists;
import org.ssl4j.core.optim.AdamW;
import org.ssl4j.core.optim.Optimizers;
import org.ssl4j.core.optim.StatefulOptimizer;
import org.ssl4j.core.tensor.Tensors;

/**
 * The dense linear probe, the segmentation analogue of the linear evaluation protocol (as DenseCL's and later
 * papers' frozen-backbone dense probes): a 1x1 convolution on the frozen encoder's feature maps, whose class logits are
 * upsampled bilinearly to the label map's size and trained with per-pixel softmax cross-entropy. Reports mean IoU
 * over the classes present in the test labels or predictions, and pixel accuracy.
 *
 * <p>Feature channels are standardised with the training maps' mean and standard deviation, so one learning rate
 * suits any encoder (a random network's features included). AdamW with a cosine schedule over all epochs.
 */
public final class DenseLinearProbe {
    private static final int FEATURE_BATCH = 200;

    private final int epochs;
    private final int batchSize;
    private final float lr;
    private final float weightDecay;
    private final long seed;

    /** Segmentation quality on the test set. */
    public record Result(double meanIou, double pixelAccuracy, double[] classIou) {}

    /**
     * @param epochs passes over the training maps
     * @param batchSize maps per step
     * @param lr peak learning rate
     * @param weightDecay decoupled weight decay on the 1x1 convolution's weights
     * @param seed order of the training maps
     */
    public DenseLinearProbe(int epochs, int batchSize, float lr, float weightDecay, long seed) {
        if (epochs < 1 || batchSize < 1 || !(lr > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("the dense probe needs epochs, batch size and lr > 0, weight decay >= 0");
        }
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.lr = lr;
        this.weightDecay = weightDecay;
        this.seed = seed;
    }

    /**
     * Trains the probe on {@code encoder}'s maps of the first {@code trainImages} images of {@code train} (all if
     * fewer) and measures it on all of {@code test}.
     */
    public Result fitAndTest(Backbone encoder, PixelLabelled train, int trainImages, PixelLabelled test,
            NDManager manager) {
        int n = Math.min(trainImages, train.size());
        try (NDManager scope = manager.newSubManager()) {
            NDArray trainMaps = Features.extractDense(encoder, new Subset(train, IntStream.range(0, n).toArray()),
                    scope, FEATURE_BATCH); // (N, D, h, w)
            NDArray testMaps = Features.extractDense(encoder, test, scope, FEATURE_BATCH); // (M, D, h, w)
            return fitAndTest(trainMaps, labels(train, n), testMaps, labels(test, test.size()),
                    train.numPixelClasses(), train.sampleShape()[1], train.sampleShape()[2], scope);
        }
    }

    /**
     * Trains and measures the probe on given feature maps.
     *
     * @param trainMaps {@code (N, D, h, w)}
     * @param trainLabels {@code N * height * width} pixel classes
     * @param testMaps {@code (M, D, h, w)}
     * @param testLabels {@code M * height * width} pixel classes
     */
    public Result fitAndTest(NDArray trainMaps, int[] trainLabels, NDArray testMaps, int[] testLabels, int classes,
            int height, int width, NDManager manager) {
        int n = Math.toIntExact(trainMaps.getShape().get(0));
        int pixels = height * width;
        NDArray channels = trainMaps.transpose(1, 0, 2, 3).reshape(trainMaps.getShape().get(1), -1); // (D, N*h*w)
        NDArray mean = channels.mean(new int[] {1});
        NDArray std = channels.sub(mean.expandDims(1)).square().mean(new int[] {1}).sqrt().add(1e-6f);
        NDArray shift = mean.reshape(1, -1, 1, 1);
        NDArray scale = std.reshape(1, -1, 1, 1);
        int batch = Math.min(batchSize, n);
        Conv2d head = Conv2d.builder().setFilters(classes).setKernelShape(new Shape(1, 1)).build();
        Shape mapShape = trainMaps.getShape();
        head.initialize(manager, DataType.FLOAT32, new Shape(batch, mapShape.get(1), mapShape.get(2), mapShape.get(3)));
        PairList<String, Parameter> parameters = new PairList<>();
        ParameterLists.add(parameters, "probe.", head, true); // freshly initialised: they already take gradients
        StatefulOptimizer optimizer = AdamW.builder().optWeightDecays(weightDecay).build();
        int stepsPerEpoch = (n + batch - 1) / batch;
        int steps = epochs * stepsPerEpoch;
        Tracker schedule = Optimizers.warmupCosine(lr, 0, steps);
        SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss("dense-probe");
        ParameterStore store = new ParameterStore(manager, false);
        int step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = BatchLoader.permutation(n, seed + epoch);
            for (int start = 0; start < n; start += batch) {
                int b = Math.min(batch, n - start);
                int[] rows = java.util.Arrays.copyOfRange(order, start, start + b);
                int[] target = new int[b * pixels];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(trainLabels, rows[i] * pixels, target, i * pixels, pixels);
                }
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = trainMaps.get(Tensors.indices(scope, rows)); // (b, D, h, w)
                    x.attach(scope); // derived arrays follow x: onto the step's scope, not the maps' manager
                    x = x.sub(shift).div(scale);
                    NDArray y = Tensors.indices(scope, target); // (b * H * W)
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = pixelLogits(head, store, x, classes, height, width); // (b * H * W, K)
                        collector.backward(loss.evaluate(new NDList(y), new NDList(logits)));
                    }
                    optimizer.setLearningRate(schedule.getNewValue(step++));
                    optimizer.step(parameters, scope);
                }
            }
        }
        int m = Math.toIntExact(testMaps.getShape().get(0));
        int[] predicted = new int[m * pixels];
        for (int start = 0; start < m; start += FEATURE_BATCH) {
            int b = Math.min(FEATURE_BATCH, m - start);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = testMaps.get(start + ":" + (start + b)); // (b, D, h, w)
                x.attach(scope);
                x = x.sub(shift).div(scale);
                int[] part = pixelLogits(head, store, x, classes, height, width).argMax(1)
                        .toType(DataType.INT32, false).toIntArray();
                System.arraycopy(part, 0, predicted, start * pixels, part.length);
            }
        }
        return score(predicted, testLabels, classes);
    }

    /** Per-pixel logits {@code (b * H * W, K)} of maps {@code x (b, D, h, w)}: 1x1 conv, then bilinear upsampling. */
    private static NDArray pixelLogits(Conv2d head, ParameterStore store, NDArray x, int classes, int height,
            int width) {
        NDArray low = head.forward(store, new NDList(x), true).singletonOrThrow(); // (b, K, h, w)
        NDArray full = low.getNDArrayInternal().interpolation(new long[] {height, width}, 1, false); // (b, K, H, W)
        return full.transpose(0, 2, 3, 1).reshape(-1, classes); // (b * H * W, K)
    }

    /**
     * Mean IoU over the classes that occur in {@code truth} or {@code predicted} ({@code TP / (TP + FP + FN)} per class)
     * and pixel accuracy.
     */
    public static Result score(int[] predicted, int[] truth, int classes) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + truth.length + " pixels");
        }
        long[] intersection = new long[classes];
        long[] predictedCount = new long[classes];
        long[] truthCount = new long[classes];
        long correct = 0;
        for (int i = 0; i < truth.length; i++) {
            predictedCount[predicted[i]]++;
            truthCount[truth[i]]++;
            if (predicted[i] == truth[i]) {
                intersection[truth[i]]++;
                correct++;
            }
        }
        double[] iou = new double[classes];
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            long union = predictedCount[c] + truthCount[c] - intersection[c];
            iou[c] = union == 0 ? Double.NaN : (double) intersection[c] / union;
            if (union > 0) {
                sum += iou[c];
                present++;
            }
        }
        return new Result(sum / present, (double) correct / truth.length, iou);
    }

    /** The label maps of the first {@code n} images. */
    private static int[] labels(PixelLabelled data, int n) {
        int pixels = data.sampleShape()[1] * data.sampleShape()[2];
        int[] out = new int[n * pixels];
        for (int i = 0; i < n; i++) {
            data.readPixelLabels(i, out, i * pixels);
        }
        return out;
    }
}
