package org.ssl4j.core.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.util.PairList;
import java.util.Map;
import org.ssl4j.core.nn.ParameterLists;
import org.ssl4j.core.optim.AdamW;
import org.ssl4j.core.optim.StatefulOptimizer;
import org.ssl4j.core.tensor.Tensors;

/**
 * A linear classifier trained during pretraining on the detached encoder features of each batch and its labels, as
 * solo-learn's online linear evaluation: it never affects the encoder, and tells how linearly separable the features
 * are while training runs. Each batch is scored before the probe learns from it (progressive validation), and the
 * epoch's accuracy is the fraction of those predictions that were right. AdamW, constant learning rate.
 */
public final class OnlineLinearProbe {
    private final Linear head;
    private final StatefulOptimizer optimizer;
    private final ParameterStore store;
    private final PairList<String, Parameter> parameters = new PairList<>();
    private final SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss("probe");
    private long correct;
    private long seen;

    /**
     * @param numFeatures the encoder's feature width {@code D}
     * @param numClasses classes of the labels
     * @param lr learning rate
     * @param manager the long-lived manager the probe's weights live on
     */
    public OnlineLinearProbe(int numFeatures, int numClasses, float lr, NDManager manager) {
        head = Linear.builder().setUnits(numClasses).build();
        head.initialize(manager, DataType.FLOAT32, new Shape(1, numFeatures));
        ParameterLists.add(parameters, "probe.", head, true);
        optimizer = AdamW.builder().optWeightDecays(0f).build();
        optimizer.setLearningRate(lr);
        store = new ParameterStore(manager, false);
    }

    /**
     * Scores then trains on one batch.
     *
     * @param features detached features {@code (B, D)} on the step's manager
     * @param labels the {@code B} labels
     * @param scope the step's manager
     */
    public void step(NDArray features, int[] labels, NDManager scope) {
        NDArray target = Tensors.indices(scope, labels); // (B)
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = head.forward(store, new NDList(features.stopGradient()), true).singletonOrThrow();
            long[] predicted = logits.argMax(1).toLongArray(); // (B)
            for (int i = 0; i < labels.length; i++) {
                correct += predicted[i] == labels[i] ? 1 : 0;
            }
            seen += labels.length;
            collector.backward(loss.evaluate(new NDList(target), new NDList(logits)));
        }
        optimizer.step(parameters, scope);
    }

    /** The accuracy of the predictions since the last {@link #resetAccuracy}, or NaN if there were none. */
    public double accuracy() {
        return seen == 0 ? Double.NaN : (double) correct / seen;
    }

    /** Starts a new accuracy window (each epoch). */
    public void resetAccuracy() {
        correct = 0;
        seen = 0;
    }

    /** The probe's live weights by name, for checkpoints. */
    public Map<String, NDArray> weights() {
        return ParameterLists.arrays(ParameterLists.newArrayMap(), "", head);
    }

    /** The probe's optimiser, whose state checkpoints save. */
    public StatefulOptimizer optimizer() {
        return optimizer;
    }

    /** The accuracy window, for checkpoints. */
    public Map<String, Long> stateCounters() {
        return Map.of("correct", correct, "seen", seen);
    }

    /** Restores the accuracy window that {@link #stateCounters} saved. */
    public void restoreCounters(Map<String, Long> counters) {
        correct = counters.get("correct");
        seen = counters.get("seen");
    }
}
