package org.ssl4j.core.head;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;

class ProjectionHeadTest extends EngineTest {
    @Test
    void simclrPresetHasThePaperLayersShapesAndGradients() {
        ProjectionHead head = ProjectionHead.simclr(32, 8);
        assertThat(head.layers()).containsExactly(new HeadLayer.Linear(32, false), new HeadLayer.BatchNorm(),
                new HeadLayer.Relu(), new HeadLayer.Linear(8, true));
        head.initialize(manager, DataType.FLOAT32, new Shape(6, 16));
        NDArray x = manager.randomNormal(new Shape(6, 16));
        NDArray out;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            out = head.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
            collector.backward(out.square().sum());
        }
        assertThat(out.getShape()).isEqualTo(new Shape(6, 8));
        assertThat(out.isNaN().any().getBoolean()).isFalse();
        int trainable = 0;
        for (Pair<String, Parameter> p : head.getParameters()) {
            if (p.getValue().requiresGradient()) {
                trainable++;
                NDArray grad = p.getValue().getArray().getGradient();
                assertThat(grad.abs().sum().getFloat()).as("gradient of %s", p.getKey()).isGreaterThan(0f);
            }
        }
        assertThat(trainable).isEqualTo(5); // W1, gamma, beta, W2, b2
    }
}
