package org.ssl4j.core.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.ssl4j.core.data.BatchLoader;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.data.HostBatch;
import org.ssl4j.core.data.ViewTransform;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.nn.ParameterLists;
import org.ssl4j.core.optim.AdamW;
import org.ssl4j.core.optim.Optimizers;
import org.ssl4j.core.optim.ParameterGroup;
import org.ssl4j.core.optim.StatefulOptimizer;
import org.ssl4j.core.tensor.Tensors;

/**
 * Semi-supervised fine-tuning, the protocol of SimCLR section 4.2 / appendix B.5: the whole encoder plus a new linear
 * classifier are trained with softmax cross-entropy on a labelled fraction of the training set (random crops and
 * flips only, batch norm in training mode), then top-1 is measured on the held-out set with batch norm on its running
 * statistics. The same call with a randomly initialised encoder gives the from-scratch row. AdamW with linear warm-up
 * and cosine decay replaces the paper's Nesterov SGD (measured to be more robust on small labelled sets).
 */
public final class FineTuner {
    private final int steps;
    private final int batchSize;
    private final float lr;
    private final float weightDecay;
    private final float encoderLrScale;
    private final long seed;

    /**
     * @param steps optimiser steps
     * @param batchSize labelled images per step (capped at the labelled set's size)
     * @param lr peak learning rate
     * @param weightDecay decoupled weight decay on weights of rank &gt;= 2
     * @param encoderLrScale the encoder's learning rate relative to the head's, in [0, 1]: small values keep
     *     pretrained features from being overwritten by a few labelled images (0 is a linear probe)
     * @param seed drives the batches and their augmentation
     */
    public FineTuner(int steps, int batchSize, float lr, float weightDecay, float encoderLrScale, long seed) {
        if (steps < 1 || batchSize < 1 || !(lr > 0) || !(weightDecay >= 0)
                || !(encoderLrScale >= 0 && encoderLrScale <= 1)) {
            throw new IllegalArgumentException("fine-tuning needs steps, batch size and lr > 0, weight decay >= 0"
                    + " and an encoder lr scale in [0, 1]");
        }
        this.encoderLrScale = encoderLrScale;
        this.steps = steps;
        this.batchSize = batchSize;
        this.lr = lr;
        this.weightDecay = weightDecay;
        this.seed = seed;
    }

    /**
     * Fine-tunes {@code encoder} (initialised on {@code manager}, changed in place) with a new linear head on
     * {@code labelled}, and returns top-1 on {@code test} (per sample, and per clip for samples of clips).
     *
     * @param encoder the network under the new head: a backbone, or a backbone followed by the first layers of its
     *     projection head (SimCLRv2's fine-tuning from the middle of the head)
     * @param numFeatures the width of {@code encoder}'s output
     * @param transform one-view training augmentation
     */
    public Accuracy fineTuneAndTest(Block encoder, int numFeatures, Dataset labelled, Dataset test,
            ViewTransform transform, int numClasses, NDManager manager) {
        if (transform.numViews() != 1) {
            throw new IllegalArgumentException("fine-tuning takes a one-view transform");
        }
        int batch = Math.min(batchSize, labelled.size());
        Block head = Linear.builder().setUnits(numClasses).build();
        head.initialize(manager, DataType.FLOAT32, new Shape(batch, numFeatures));
        PairList<String, ai.djl.nn.Parameter> parameters = new PairList<>();
        ParameterLists.add(parameters, "encoder.", encoder, true);
        ParameterLists.add(parameters, "head.", head, true);
        for (Pair<String, ai.djl.nn.Parameter> p : parameters) {
            p.getValue().getArray().setRequiresGradient(true); // arrays read from a file come without gradients
        }
        StatefulOptimizer optimizer = AdamW.builder().optWeightDecays(weightDecay).build();
        optimizer.setGroups(List.of(new ParameterGroup(Pattern.compile("encoder\\..*"), encoderLrScale, null, null)));
        Tracker schedule = Optimizers.warmupCosine(lr, Math.max(1, steps / 20), steps);
        SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss("finetune");
        ParameterStore store = new ParameterStore(manager, false);
        try (BatchLoader loader = new BatchLoader(labelled, transform, batch, seed, 0, steps, 1, 2)) {
            for (int step = 0; step < steps; step++) {
                HostBatch host = loader.next();
                try (NDManager scope = manager.newSubManager()) {
                    Batch views = host.toBatch(scope);
                    NDArray labels = Tensors.indices(scope, host.labels()); // (B), engine-owned: pick saves it
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray h = encoder.forward(store, new NDList(views.views().get(0)), true)
                                .singletonOrThrow(); // (B, D)
                        NDArray logits = head.forward(store, new NDList(h), true).singletonOrThrow(); // (B, classes)
                        collector.backward(loss.evaluate(new NDList(labels), new NDList(logits)));
                    }
                    optimizer.setLearningRate(schedule.getNewValue(step));
                    optimizer.step(parameters, scope);
                }
            }
        }
        return top1(encoder, numFeatures, head, test, manager);
    }

    /**
     * Top-1 of a fine-tuned network on the held-out set.
     *
     * @param top1 per sample (per video, from the logits averaged over its clips, for samples of clips)
     * @param clipTop1 per clip, for samples of clips; empty for images
     */
    public record Accuracy(double top1, OptionalDouble clipTop1) {}

    private static Accuracy top1(Block encoder, int numFeatures, Block head, Dataset test, NDManager manager) {
        int[] labels = Features.labels(test);
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(scope, false);
            if (test.sampleShape().length != 5) {
                NDArray features = Features.extract(encoder, test, scope, 500); // (N, D), inference mode
                NDArray logits = head.forward(store, new NDList(features), false).singletonOrThrow(); // (N, K)
                return new Accuracy(LinearProbe.accuracy(argMax(logits), labels), OptionalDouble.empty());
            }
            int clips = test.sampleShape()[0];
            NDArray features = Features.extractClips(encoder, test, scope, 500); // (N, clips, D)
            NDArray logits = head.forward(store, new NDList(features.reshape(-1, numFeatures)), false)
                    .singletonOrThrow(); // (N * clips, K)
            int[] clipLabels = new int[labels.length * clips];
            for (int i = 0; i < clipLabels.length; i++) {
                clipLabels[i] = labels[i / clips];
            }
            double clip = LinearProbe.accuracy(argMax(logits), clipLabels);
            NDArray perVideo = logits.reshape(labels.length, clips, -1).mean(new int[] {1}); // (N, K)
            return new Accuracy(LinearProbe.accuracy(argMax(perVideo), labels), OptionalDouble.of(clip));
        }
    }

    private static int[] argMax(NDArray logits) {
        return logits.argMax(1).toType(DataType.INT32, false).toIntArray();
    }
}
