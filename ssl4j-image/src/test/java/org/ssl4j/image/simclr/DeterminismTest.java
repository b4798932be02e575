package org.ssl4j.image.simclr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.nn.SmallConvNet;
import org.ssl4j.core.tensor.Tensors;
import org.ssl4j.core.train.Engines;

/**
 * The same SimCLR gradient, bit for bit, every time, even while another thread competes for the cores (as the
 * loader does). Without the environment {@link Engines#pytorch()} sets, every repetition differed in a probe.
 */
class DeterminismTest {
    @Test
    void gradientsAreBitwiseRepeatableUnderLoad() {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread busy = new Thread(() -> {
            double x = 0;
            while (running.get()) {
                x += Math.sin(x);
            }
        });
        busy.setDaemon(true);
        Engines.seed(0);
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            busy.start();
            SimClr method = new SimClr(new SimClrConfig(0.5, null, null), () -> new SmallConvNet(1, 1));
            Shape shape = new Shape(128, 1, 28, 28);
            method.initialize(manager, shape);
            NDArray a = manager.randomUniform(0, 1, shape);
            NDArray b = manager.randomUniform(0, 1, shape);
            List<List<Integer>> hashes = new ArrayList<>();
            for (int repeat = 0; repeat < 8; repeat++) {
                try (NDManager step = manager.newSubManager()) {
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        collector.backward(method.loss(new Batch(new NDList(a, b), null, 0), step));
                    }
                    List<Integer> hash = new ArrayList<>();
                    for (Pair<String, Parameter> p : method.parameters()) {
                        NDArray grad = p.getValue().getArray().getGradient();
                        grad.attach(step);
                        hash.add(Arrays.hashCode(grad.toFloatArray()));
                        Tensors.zeroGradient(p.getValue().getArray());
                    }
                    hashes.add(hash);
                }
            }
            assertThat(hashes).allSatisfy(h -> assertThat(h).isEqualTo(hashes.get(0)));
        } finally {
            running.set(false);
        }
    }
}
