package org.ssl4j.core.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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

    @Test
    void cmdPresetEndsInABatchNormThatCentresEveryOutputDimensionOverTheRows() {
        ProjectionHead head = ProjectionHead.cmd(32, 8);
        assertThat(head.layers()).containsExactly(new HeadLayer.Linear(32, true), new HeadLayer.BatchNorm(),
                new HeadLayer.Relu(), new HeadLayer.Linear(8, false), new HeadLayer.BatchNorm());
        assertThat(head.outputWidth()).isEqualTo(8);
        head.initialize(manager, DataType.FLOAT32, new Shape(40, 16));
        NDArray x = manager.randomNormal(new Shape(40, 16)).add(3);
        NDArray out = head.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
        // Freshly initialised (gamma 1, beta 0): per dimension, mean 0 and biased variance 1 / (1 + eps / var).
        float[] mean = out.mean(new int[] {0}).toFloatArray();
        float[] variance = out.sub(out.mean(new int[] {0})).square().mean(new int[] {0}).toFloatArray();
        for (int d = 0; d < 8; d++) {
            assertThat(mean[d]).as("mean of dimension %d", d).isCloseTo(0f, within(1e-5f));
            assertThat(variance[d]).as("variance of dimension %d", d).isCloseTo(1f, within(1e-3f));
        }
        long trainable = head.getParameters().stream().filter(p -> p.getValue().requiresGradient()).count();
        assertThat(trainable).isEqualTo(7); // W1, b1, gamma1, beta1, W2, gamma2, beta2
    }

    @Test
    void theFrontOfATrainedHeadComputesItsFirstHiddenLayer() {
        ProjectionHead head = ProjectionHead.simclr(5, 3);
        head.initialize(manager, DataType.FLOAT32, new Shape(8, 4));
        ParameterStore store = new ParameterStore(manager, false);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) { // moves the BN statistics
            collector.backward(head.forward(store, new NDList(manager.randomNormal(new Shape(8, 4)).add(2)), true)
                    .singletonOrThrow().sum());
        }
        ProjectionHead front = head.front(1);
        assertThat(front.layers()).containsExactly(new HeadLayer.Linear(5, false), new HeadLayer.BatchNorm(),
                new HeadLayer.Relu());
        assertThat(front.outputWidth()).isEqualTo(5);
        assertThat(head.hiddenLayers()).isEqualTo(1);
        front.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
        head.copyFrontTo(front);

        NDArray x = manager.randomNormal(new Shape(6, 4));
        NDArray out = front.forward(store, new NDList(x), false).singletonOrThrow(); // (6, 5)
        NDArray w = parameter(head, "01layers_01Linear_weight"); // the head's own arrays, by hand:
        NDArray mean = parameter(head, "01layers_02BatchNorm_runningMean");
        assertThat(mean.abs().sum().getFloat()).isGreaterThan(0f); // statistics that the copy must carry
        NDArray expected = x.matMul(w.transpose()).sub(mean)
                .div(parameter(head, "01layers_02BatchNorm_runningVar").add(1e-5f).sqrt())
                .mul(parameter(head, "01layers_02BatchNorm_gamma")).add(parameter(head, "01layers_02BatchNorm_beta"))
                .maximum(0f);
        assertThat(out.sub(expected).abs().max().getFloat()).isLessThan(1e-5f);

        assertThatThrownBy(() -> head.front(2)).hasMessageContaining("has 1 hidden layers, not 2");
        assertThatThrownBy(() -> ProjectionHead.mocoV2(5, 3).copyFrontTo(front))
                .hasMessageContaining("is not a front of");
    }

    private static NDArray parameter(ProjectionHead head, String name) {
        return head.getParameters().get(name).getArray();
    }
}
