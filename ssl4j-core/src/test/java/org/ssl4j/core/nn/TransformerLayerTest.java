package org.ssl4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;

/** The transformer layer's defining properties: attention treats tokens as a set, and each token is normalised. */
class TransformerLayerTest extends EngineTest {
    private static final int WIDTH = 8;

    private NDArray forward(TransformerLayer layer, NDArray... inputs) {
        return layer.forward(new ParameterStore(manager, false), new NDList(inputs), false).head();
    }

    @Test
    void anEncoderLayerPermutesItsOutputAsItsInputAndNormalisesEachToken() {
        TransformerLayer layer = new TransformerLayer(WIDTH, 2, 16, false);
        layer.initialize(manager, DataType.FLOAT32, new Shape(2, 5, WIDTH));
        NDArray x = manager.randomNormal(new Shape(2, 5, WIDTH));
        NDArray y = forward(layer, x);
        assertThat(y.getShape()).isEqualTo(new Shape(2, 5, WIDTH));
        int[] order = {3, 0, 4, 1, 2};
        NDArray permuted = forward(layer, x.get(":, {}", manager.create(order)));
        assertThat(permuted.toFloatArray()).containsExactly(y.get(":, {}", manager.create(order)).toFloatArray(),
                within(1e-5f));
        // LayerNorm at initialisation (gain 1, bias 0): every token has mean 0 and variance 1 over its width.
        float[] means = y.mean(new int[] {2}).toFloatArray();
        float[] variances = y.sub(y.mean(new int[] {2}, true)).square().mean(new int[] {2}).toFloatArray();
        for (int i = 0; i < means.length; i++) {
            assertThat(means[i]).isCloseTo(0f, within(1e-5f));
            assertThat(variances[i]).isCloseTo(1f, within(1e-3f));
        }
    }

    @Test
    void aDecoderLayerReadsItsMemoryAsASet() {
        TransformerLayer layer = new TransformerLayer(WIDTH, 4, 16, true);
        layer.initialize(manager, DataType.FLOAT32, new Shape(2, 3, WIDTH), new Shape(2, 6, WIDTH));
        NDArray queries = manager.randomNormal(new Shape(2, 3, WIDTH));
        NDArray memory = manager.randomNormal(new Shape(2, 6, WIDTH));
        NDArray y = forward(layer, queries, memory);
        assertThat(y.getShape()).isEqualTo(new Shape(2, 3, WIDTH));
        NDArray shuffled = memory.get(":, {}", manager.create(new int[] {5, 2, 0, 1, 4, 3}));
        assertThat(forward(layer, queries, shuffled).toFloatArray()).containsExactly(y.toFloatArray(), within(1e-5f));
        float[] other = forward(layer, queries, manager.randomNormal(new Shape(2, 6, WIDTH))).toFloatArray();
        float largest = 0;
        float[] base = y.toFloatArray();
        for (int i = 0; i < base.length; i++) {
            largest = Math.max(largest, Math.abs(base[i] - other[i]));
        }
        assertThat(largest).as("the output depends on the memory").isGreaterThan(0.05f);
    }
}
