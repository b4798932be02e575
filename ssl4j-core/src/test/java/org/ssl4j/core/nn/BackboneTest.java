package org.ssl4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class BackboneTest extends EngineTest {
    private void checkForwardAndGradients(Backbone net, Shape input, int features) {
        net.initialize(manager, DataType.FLOAT32, input);
        NDArray x = manager.randomUniform(0, 1, input);
        NDArray out;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            out = net.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
            // A random projection, so that no parameter's gradient vanishes by symmetry.
            collector.backward(out.mul(manager.randomNormal(out.getShape())).sum());
        }
        assertThat(out.getShape()).isEqualTo(new Shape(input.get(0), features));
        assertThat(net.numFeatures()).isEqualTo(features);
        assertThat(out.isNaN().any().getBoolean()).isFalse();
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().requiresGradient()) {
                NDArray grad = p.getValue().getArray().getGradient();
                assertThat(grad.isNaN().any().getBoolean()).isFalse();
                assertThat(grad.abs().sum().getFloat()).as("gradient of %s", p.getKey()).isGreaterThan(0f);
            }
        }
    }

    private static long countParameters(Backbone net) {
        long n = 0;
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    @Test
    void smallConvNet() {
        checkForwardAndGradients(new SmallConvNet(1, 1), new Shape(4, 1, 28, 28), 256);
    }

    @Test
    void resnet18CifarStemHasTorchvisionParameterCount() {
        ResNet net = new ResNet(18, ResNet.Stem.CIFAR, 1, 1);
        checkForwardAndGradients(net, new Shape(2, 3, 32, 32), 512);
        // torchvision resnet18 without fc: 11,176,512; the CIFAR stem's 3x3 conv has 9*3*64 instead of 49*3*64.
        assertThat(countParameters(net)).isEqualTo(11_176_512L - 49 * 3 * 64 + 9 * 3 * 64);
    }

    @Test
    void resnet10HasOneBasicBlockPerStage() {
        ResNet net = new ResNet(10, ResNet.Stem.IMAGENET, 1, 1);
        checkForwardAndGradients(net, new Shape(2, 3, 64, 64), 512);
        // ResNet-18 without fc (11,176,512) less one BasicBlock per stage: two 3x3 convs c -> c and two batch norms
        // (gamma, beta) for c = 64, 128, 256, 512.
        long removed = 0;
        for (long c : new long[] {64, 128, 256, 512}) {
            removed += 2 * 9 * c * c + 2 * 2 * c;
        }
        assertThat(removed).isEqualTo(6_270_720L);
        assertThat(countParameters(net)).isEqualTo(11_176_512L - removed);
    }

    @Test
    void resnet50ImagenetStemHasTorchvisionParameterCount() {
        ResNet net = new ResNet(50, ResNet.Stem.IMAGENET, 1, 1);
        checkForwardAndGradients(net, new Shape(2, 3, 64, 64), 2048);
        // torchvision resnet50: 25,557,032 parameters, of which the fc layer holds 2048*1000 + 1000.
        assertThat(countParameters(net)).isEqualTo(25_557_032L - 2048 * 1000 - 1000);
    }

    @Test
    void batchNormRunningStatisticsFollowPyTorchMomentum() {
        // PyTorch: running = 0.9 * running + 0.1 * batch statistic; evaluation depends on it.
        ai.djl.nn.Block bn = new Layers(1).batchNorm();
        bn.initialize(manager, DataType.FLOAT32, new Shape(4, 2));
        NDArray x = manager.create(new float[] {9, 18, 11, 22, 9, 18, 11, 22}, new Shape(4, 2));
        bn.forward(new ParameterStore(manager, false), new NDList(x), true);
        java.util.Map<String, float[]> values = new java.util.HashMap<>();
        bn.getParameters().forEach(p -> values.put(p.getKey(), p.getValue().getArray().toFloatArray()));
        assertThat(values.get("runningMean")[0]).isCloseTo(1.0f, org.assertj.core.api.Assertions.within(1e-5f));
        assertThat(values.get("runningMean")[1]).isCloseTo(2.0f, org.assertj.core.api.Assertions.within(1e-5f));
        // unbiased batch variances 4/3 and 16/3
        assertThat(values.get("runningVar")[0]).isCloseTo(0.9f + 0.4f / 3, org.assertj.core.api.Assertions.within(1e-5f));
        assertThat(values.get("runningVar")[1]).isCloseTo(0.9f + 1.6f / 3, org.assertj.core.api.Assertions.within(1e-5f));
    }

    @Test
    void widthMultiplierScalesFeatures() {
        assertThat(new ResNet(18, ResNet.Stem.CIFAR, 2, 1).numFeatures()).isEqualTo(1024);
        assertThat(new SmallConvNet(2, 1).numFeatures()).isEqualTo(512);
        assertThatThrownBy(() -> new ResNet(20, ResNet.Stem.CIFAR, 1, 1)).hasMessageContaining("10, 18, 34, 50 or 101");
    }

    @Test
    void recipesNameBackbonesFromTheRegistryWithOneLineErrors() {
        assertThat(Backbones.names()).contains("small-convnet", "resnet18", "resnet101");
        assertThat(Backbones.create(new org.ssl4j.core.recipe.BackboneConfig("resnet18", 2.0, null, null))
                .numFeatures()).isEqualTo(1024);
        assertThatThrownBy(() -> new org.ssl4j.core.recipe.BackboneConfig("resnet19", null, null, null))
                .isInstanceOf(org.ssl4j.core.Ssl4jException.class)
                .hasMessageContaining("backbone.name must be one of").hasMessageContaining("resnet18")
                .hasMessageContaining("resnet19");
        assertThatThrownBy(() -> Backbones.create(new org.ssl4j.core.recipe.BackboneConfig("resnet18", 1.5, null,
                null))).isInstanceOf(org.ssl4j.core.Ssl4jException.class)
                .hasMessageContaining("backbone.width must be a whole number >= 1 for resnet18: 1.5");
    }

    @Test
    void denseFeaturesAreTheMapThatPoolsToTheFeatures() {
        for (Backbone net : new Backbone[] {new SmallConvNet(1, 1), new ResNet(18, ResNet.Stem.CIFAR, 1, 1)}) {
            Shape input = new Shape(2, 1, 64, 64);
            net.initialize(manager, DataType.FLOAT32, input);
            NDArray x = manager.randomUniform(0, 1, input);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray map = net.denseFeatures(store, x, false);
            assertThat(map.getShape()).isEqualTo(new Shape(2, net.numFeatures(), 8, 8)); // three stride-2 stages
            float[] pooled = map.reshape(2, net.numFeatures(), 64).mean(new int[] {2}).toFloatArray();
            float[] features = net.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            for (int i = 0; i < features.length; i++) {
                assertThat(pooled[i]).isCloseTo(features[i], org.assertj.core.api.Assertions.within(1e-5f));
            }
        }
    }
}
