package org.ssl4j.video.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.recipe.BackboneConfig;
import org.ssl4j.core.train.Engines;

/** The 3D ResNets against torchvision's parameter counts, and their shapes and gradients on CPU-sized clips. */
class ResNet3dTest {
    private static final Shape CLIPS = new Shape(2, 3, 8, 64, 64);

    private NDManager manager;

    @BeforeEach
    void engine() {
        manager = Engines.pytorch().newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** Learned parameters (batch norm's running statistics excluded), as torchvision's named_parameters counts. */
    private static long learned(ResNet3d net) {
        long n = 0;
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (!p.getKey().contains("running")) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    @Test
    void fullWidthNetworksHaveTorchvisionsParameterCounts() {
        // torchvision 0.14 (Debian's python3-torchvision): sum of numel over named_parameters without fc.*
        ResNet3d r3d = new ResNet3d(ResNet3d.Kind.R3D, 18, 1, 1);
        r3d.initialize(manager, DataType.FLOAT32, CLIPS);
        assertThat(learned(r3d)).isEqualTo(33_166_272L);
        ResNet3d r21d = new ResNet3d(ResNet3d.Kind.R2PLUS1D, 18, 1, 1);
        r21d.initialize(manager, DataType.FLOAT32, CLIPS);
        assertThat(learned(r21d)).isEqualTo(31_300_125L);
        assertThat(r21d.numFeatures()).isEqualTo(512);
    }

    @Test
    void smallVariantGivesFeaturesMapsAndGradientsOnCpuClips() {
        ResNet3d net = ResNet3d.small(1);
        net.initialize(manager, DataType.FLOAT32, CLIPS);
        assertThat(net.numFeatures()).isEqualTo(128);
        assertThat(learned(net)).isBetween(500_000L, 1_500_000L);
        try (NDManager step = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(step, false);
            NDArray clips = step.randomNormal(CLIPS);
            NDArray map = net.denseFeatures(store, clips, false);
            assertThat(map.getShape()).isEqualTo(new Shape(2, 128, 1, 4, 4)); // T/8, H/16, W/16
            NDArray pooled = net.forward(store, new NDList(clips), false).singletonOrThrow();
            assertThat(pooled.getShape()).isEqualTo(new Shape(2, 128));
            assertThat(pooled.sub(map.reshape(2, 128, 16).mean(new int[] {2})).abs().max().getFloat()).isLessThan(1e-5f);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = net.forward(store, new NDList(clips), true).singletonOrThrow();
                collector.backward(out.square().mean());
            }
            Parameter first = net.getParameters().get(0).getValue();
            NDArray grad = first.getArray().getGradient();
            assertThat(grad.abs().sum().getFloat()).isPositive().isFinite();
        }
    }

    @Test
    void badDepthOrWidthIsAOneLineError() {
        assertThatThrownBy(() -> new ResNet3d(ResNet3d.Kind.R3D, 34, 1, 1)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("depth");
        assertThatThrownBy(() -> new ResNet3d(ResNet3d.Kind.R3D, 18, 0, 1)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("width");
    }

    @Test
    void recipesNameTheVideoNetworksThroughCoresRegistry() {
        assertThat(Backbones.names()).contains("r3d-18", "r2plus1d-18", "r3d-10", "r2plus1d-10", "resnet18");
        Backbone small = Backbones.create(new BackboneConfig("r2plus1d-10", 0.25, null, 2));
        assertThat(small).isInstanceOf(ResNet3d.class);
        assertThat(small.numFeatures()).isEqualTo(128);
        assertThatThrownBy(() -> Backbones.create(new BackboneConfig("r3d-18", 8.0, null, null)))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("backbone.width must be in (0, 4]");
    }
}
