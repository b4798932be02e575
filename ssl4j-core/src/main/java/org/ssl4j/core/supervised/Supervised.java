package org.ssl4j.core.supervised;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.util.function.Supplier;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.method.EncoderHeadMethod;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.tensor.Tensors;

/**
 * The supervised reference that self-supervised methods are compared with: the same backbone and the same augmented
 * views, trained with softmax cross-entropy of a linear classifier on the training labels. Every view of a batch is a
 * labelled example (two clips of a video are two examples of its class). On a scene-biased training set such as
 * MotionDigits' it shows how far labels alone lead an encoder to the scene instead of the motion. It runs through
 * the same pretraining loop, checkpoints and evaluations as the other methods; the labels it trains on come from
 * {@link Batch#labels()}, which self-supervised methods never read.
 */
public final class Supervised extends EncoderHeadMethod {
    private final int classes;
    private final SoftmaxCrossEntropyLoss crossEntropy = new SoftmaxCrossEntropyLoss("supervised");

    /** Wires an encoder from {@code backbones} to a linear classifier of {@code config.classes()} outputs. */
    public Supervised(SupervisedConfig config, Supplier<Backbone> backbones) {
        super(backbones.get(), Linear.builder().setUnits(config.classes()).build(), "classifier.");
        this.classes = config.classes();
    }

    @Override
    public String name() {
        return "supervised";
    }

    @Override
    public NDArray loss(Batch batch, NDManager step) {
        int[] labels = batch.labels();
        Ssl4jException.check(labels != null, "method supervised needs labelled training data");
        int views = batch.views().size();
        int[] targets = new int[labels.length * views];
        for (int v = 0; v < views; v++) {
            for (int i = 0; i < labels.length; i++) {
                Ssl4jException.check(labels[i] >= 0 && labels[i] < classes,
                        "method.classes is %d but the training data has label %d", classes, labels[i]);
                targets[v * labels.length + i] = labels[i];
            }
        }
        NDArray input = views == 1 ? batch.views().get(0) : NDArrays.concat(batch.views(), 0); // (V*B, ...)
        NDArray logits = head(encode(input, labels.length)); // (V*B, classes); the first views feed the probe
        return crossEntropy.evaluate(new NDList(Tensors.indices(step, targets)), new NDList(logits));
    }
}
