package org.ssl4j.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;
import org.ssl4j.core.train.Engines;

class TensorsTest extends EngineTest {
    @Test
    void freeingIntermediatesKeepsOnlyTheResultOnTheInputsManager() {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(new float[] {1, 2, 3});
            NDArray[] intermediate = new NDArray[1];
            NDArray y = Tensors.freeingIntermediates(x, a -> {
                intermediate[0] = a.mul(Tensors.scalar(a, 2));
                return intermediate[0].add(Tensors.scalar(a, 1));
            });
            assertThat(y.toFloatArray()).containsExactly(3, 5, 7);
            assertThat(intermediate[0].isReleased()).isTrue();
            assertThat(y.getManager()).isSameAs(step);
            assertThat(x.getManager()).isSameAs(step);
            assertThat(x.isReleased()).isFalse();
        }
    }

    @Test
    void gradientsFlowThroughFreedIntermediates() {
        NDArray w = manager.create(new float[] {1, -2, 3});
        w.setRequiresGradient(true);
        try (NDManager step = manager.newSubManager(); GradientCollector collector = Engines.pytorch()
                .newGradientCollector()) {
            NDArray x = step.create(new float[] {2, 2, 2});
            // d/dw sum((w * x)^2) = 2 w x^2 = (8, -16, 24)
            NDArray y = Tensors.freeingIntermediates(x, a -> a.mul(w).square());
            System.gc();
            collector.backward(y.sum());
        }
        assertThat(w.getGradient().toFloatArray()).containsExactly(8, -16, 24);
    }
}
