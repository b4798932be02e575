package org.ssl4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.recipe.OptimConfig;
import org.ssl4j.core.tensor.Tensors;

class OptimizerTest extends EngineTest {
    /** A (1, 2) weight w and a bias b with loss sum(g_w * w) + sum(g_b * b), so the gradients are g_w and g_b. */
    private PairList<String, Parameter> parameters(float[] w0, float b0) {
        Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optShape(new Shape(1, 2)).build();
        w.setInitializer(new ConstantInitializer(0f));
        w.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32);
        w.getArray().set(w0);
        Parameter b = Parameter.builder().setName("b").setType(Parameter.Type.BIAS).optShape(new Shape(1)).build();
        b.setInitializer(new ConstantInitializer(b0));
        b.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32);
        PairList<String, Parameter> list = new PairList<>();
        list.add("w", w);
        list.add("b", b);
        return list;
    }

    private void step(StatefulOptimizer optimizer, PairList<String, Parameter> params, float[] gw, float gb, float lr) {
        try (NDManager scope = manager.newSubManager()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray w = params.get(0).getValue().getArray();
                NDArray b = params.get(1).getValue().getArray();
                NDArray loss = w.mul(scope.create(gw, new Shape(1, 2))).sum().add(b.mul(Tensors.scalar(b, gb)).sum());
                collector.backward(loss);
            }
            optimizer.setLearningRate(lr);
            optimizer.step(params, scope);
        }
    }

    @Test
    void sgdMomentumFollowsTorchFormulaAndSkipsDecayOnBias() {
        PairList<String, Parameter> params = parameters(new float[] {1f, -2f}, 0.5f);
        SgdMomentum sgd = SgdMomentum.builder().optMomentum(0.9f).optWeightDecays(0.1f).build();
        step(sgd, params, new float[] {0.5f, 1f}, 2f, 0.1f);
        step(sgd, params, new float[] {0.5f, 1f}, 2f, 0.1f);
        // w[0]: g1 = 0.5 + 0.1*1 = 0.6, buf = 0.6, w = 1 - 0.06 = 0.94;
        //       g2 = 0.5 + 0.094 = 0.594, buf = 0.54 + 0.594 = 1.134, w = 0.94 - 0.1134 = 0.8266
        // b: no decay. buf = 2, b = 0.3; buf = 3.8, b = -0.08
        float[] w = params.get(0).getValue().getArray().toFloatArray();
        assertThat((double) w[0]).isCloseTo(0.8266, within(1e-6));
        // w[1]: g1 = 1 - 0.2 = 0.8, w = -2.08; g2 = 1 - 0.208 = 0.792, buf = 0.72 + 0.792 = 1.512, w = -2.2312
        assertThat((double) w[1]).isCloseTo(-2.2312, within(1e-5));
        assertThat((double) params.get(1).getValue().getArray().getFloat(0)).isCloseTo(-0.08, within(1e-6));
        assertThat(sgd.state()).containsOnlyKeys("w/momentum", "b/momentum");
    }

    @Test
    void adamWFirstStepMovesEachCoordinateByLearningRate() {
        PairList<String, Parameter> params = parameters(new float[] {1f, -2f}, 0.5f);
        AdamW adam = AdamW.builder().optWeightDecays(0.1f).build();
        step(adam, params, new float[] {0.5f, -3f}, 2f, 0.01f);
        // Decoupled decay: w *= 1 - lr*wd = 0.999; the bias-corrected first step is lr * sign(g) (up to eps).
        float[] w = params.get(0).getValue().getArray().toFloatArray();
        assertThat((double) w[0]).isCloseTo(1 * 0.999 - 0.01, within(1e-6));
        assertThat((double) w[1]).isCloseTo(-2 * 0.999 + 0.01, within(1e-6));
        assertThat((double) params.get(1).getValue().getArray().getFloat(0)).isCloseTo(0.49, within(1e-6));
        // Gradients are zeroed after the step.
        assertThat(params.get(0).getValue().getArray().getGradient().abs().sum().getFloat()).isZero();
    }

    @Test
    void larsScalesEachWeightStepByTrustRatioAndSkipsBiasesUnlessGrouped() {
        PairList<String, Parameter> params = parameters(new float[] {3f, 4f}, 0.5f);
        Lars lars = Lars.builder().optMomentum(0.9f).optTrustCoefficient(0.001f).optWeightDecays(0.1f).build();
        step(lars, params, new float[] {0.5f, 1f}, 2f, 0.1f);
        // w: g = (0.5 + 0.3, 1 + 0.4) = (0.8, 1.4), ||g|| = sqrt(2.6), ||w|| = 5, trust = 0.005 / sqrt(2.6);
        //    v = lr * trust * g, w -= v
        double trust = 0.005 / Math.sqrt(2.6);
        float[] w = params.get(0).getValue().getArray().toFloatArray();
        assertThat((double) w[0]).isCloseTo(3 - 0.1 * trust * 0.8, within(1e-6));
        assertThat((double) w[1]).isCloseTo(4 - 0.1 * trust * 1.4, within(1e-6));
        // b: rank 1, neither decayed nor adapted: b = 0.5 - 0.1 * 2
        assertThat((double) params.get(1).getValue().getArray().getFloat(0)).isCloseTo(0.3, within(1e-6));

        // A group adapting and decaying the bias, at twice the learning rate:
        // g = 2 + 0.5 * 0.5 = 2.25, trust = 0.001 * 0.5 / 2.25, v = 0.2 * trust * 2.25 = 0.0001
        PairList<String, Parameter> grouped = parameters(new float[] {3f, 4f}, 0.5f);
        Lars withGroup = Lars.builder().optWeightDecays(0.1f).build();
        withGroup.setGroups(List.of(new ParameterGroup(Pattern.compile("b"), 2f, 0.5f, true)));
        step(withGroup, grouped, new float[] {0.5f, 1f}, 2f, 0.1f);
        assertThat((double) grouped.get(1).getValue().getArray().getFloat(0)).isCloseTo(0.4999, within(1e-7));
    }

    @Test
    void recipeGroupsAreValidated() {
        assertThatThrownBy(() -> new OptimConfig.Group("head\\.(", null, null, null))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("not a valid regular expression");
        OptimConfig config = new OptimConfig("lars", 0.3, null, null, null, null, null, null, null,
                List.of(new OptimConfig.Group("head\\..*", 10.0, 0.0, false)));
        assertThat(Optimizers.create(config)).isInstanceOf(Lars.class);
    }

    @Test
    void warmupCosineSchedule() {
        var schedule = Optimizers.warmupCosine(1f, 10, 110);
        assertThat(schedule.getNewValue(0)).isZero();
        assertThat((double) schedule.getNewValue(5)).isCloseTo(0.5, within(1e-6));
        assertThat((double) schedule.getNewValue(10)).isCloseTo(1.0, within(1e-6));
        assertThat((double) schedule.getNewValue(60)).isCloseTo(0.5, within(1e-6));
        assertThat((double) schedule.getNewValue(110)).isCloseTo(0.0, within(1e-6));
    }
}
