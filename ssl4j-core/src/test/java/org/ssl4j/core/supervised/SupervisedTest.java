package org.ssl4j.core.supervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.recipe.BackboneConfig;

/** The supervised reference's loss on a hand-set classifier, and its errors for missing or out-of-range labels. */
class SupervisedTest extends EngineTest {
    private Supervised method() {
        Supervised method = new Supervised(new SupervisedConfig(10),
                () -> Backbones.create(new BackboneConfig("small-convnet", 1.0, null, null)));
        method.initialize(manager, new Shape(2, 1, 28, 28));
        // Classifier weights zero and bias (1, 0, ..., 0): every view's logits are the bias, whatever its features.
        for (Pair<String, Parameter> p : method.parameters()) {
            if (p.getKey().startsWith("classifier.")) {
                NDArray w = p.getValue().getArray();
                w.muli(0f);
                if (w.getShape().dimension() == 1) {
                    w.set(new ai.djl.ndarray.index.NDIndex("0"), 1f);
                }
            }
        }
        return method;
    }

    private Batch batch(int[] labels) {
        NDArray a = manager.randomUniform(0, 1, new Shape(2, 1, 28, 28));
        NDArray b = manager.randomUniform(0, 1, new Shape(2, 1, 28, 28));
        return new Batch(new NDList(a, b), labels, 0);
    }

    @Test
    void lossIsTheCrossEntropyOfEveryViewAgainstItsSampleLabel() {
        float loss = method().loss(batch(new int[] {0, 3}), manager).getFloat();
        // Logits (1, 0, ..., 0) over 10 classes: -log p(0) = log(e + 9) - 1, -log p(3) = log(e + 9); two views each.
        double log = Math.log(Math.E + 9);
        assertThat(loss).isCloseTo((float) ((2 * (log - 1) + 2 * log) / 4), within(1e-5f));
    }

    @Test
    void unlabelledOrOutOfRangeLabelsAreOneLineErrors() {
        Supervised method = method();
        assertThatThrownBy(() -> method.loss(batch(null), manager)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("needs labelled training data");
        assertThatThrownBy(() -> method.loss(batch(new int[] {0, 10}), manager)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("method.classes is 10").hasMessageContaining("label 10");
        assertThatThrownBy(() -> new SupervisedConfig(null)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("method.classes");
    }
}
