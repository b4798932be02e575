package org.ssl4j.image.densecl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.data.HostBatch;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.optim.AdamW;
import org.ssl4j.core.optim.Optimizers;
import org.ssl4j.core.recipe.BackboneConfig;
import org.ssl4j.core.train.Engines;
import org.ssl4j.core.train.Pretrainer;

class DenseClTest {
    private static final int BATCH = 8;
    private static final Shape VIEWS = new Shape(BATCH, 1, 32, 32);

    private static DenseCl method(int queue, int warmup) {
        BackboneConfig backbone = new BackboneConfig("small-convnet", 1.0, null, 2);
        return new DenseCl(new DenseClConfig(null, queue, 0.9, null, 32, 16, null, 0.5, warmup),
                () -> Backbones.create(backbone));
    }

    private static Batch batch(NDManager manager, long seed) {
        return new Batch(new NDList(manager.randomUniform(0, 1, VIEWS), manager.randomUniform(0, 1, VIEWS)), null,
                seed);
    }

    @Test
    void gradientsReachTheQueryNetworksAndNeverTheMomentumCopies() {
        Engines.seed(0);
        DenseCl densecl = method(64, 0);
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            densecl.initialize(manager, VIEWS);
            try (NDManager step = manager.newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = densecl.loss(batch(step, 1), step);
                assertThat(loss.getFloat()).isFinite().isPositive();
                collector.backward(loss);
            }
            for (Pair<String, Parameter> p : densecl.parameters()) {
                assertThat(p.getValue().getArray().getGradient().abs().sum().getFloat())
                        .as("gradient of %s", p.getKey()).isPositive();
            }
            for (Pair<String, Parameter> p : densecl.keyParameters()) {
                NDArray key = p.getValue().getArray();
                if (key.hasGradient()) {
                    assertThat(key.getGradient().abs().sum().getFloat()).as("gradient of %s", p.getKey()).isZero();
                }
            }
        }
    }

    @Test
    void momentumCopiesFollowAndBothQueuesFill() {
        Engines.seed(0);
        DenseCl densecl = method(20, 0);
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            densecl.initialize(manager, VIEWS);
            float[] start = densecl.keyParameters().get(0).getValue().getArray().toFloatArray();
            assertThat(start).containsExactly(densecl.parameters().get(0).getValue().getArray().toFloatArray());
            float[] denseStart = densecl.denseQueue().keys().toFloatArray();
            java.util.Random random = new java.util.Random(3);
            long[] step = {0};
            int n = Math.toIntExact(VIEWS.size());
            new Pretrainer(densecl, AdamW.builder().build(), Optimizers.warmupCosine(1e-2f, 0, 3), 4, null, List.of())
                    .run(manager, () -> {
                        float[][] views = new float[2][n];
                        for (float[] view : views) {
                            for (int i = 0; i < n; i++) {
                                view[i] = random.nextFloat();
                            }
                        }
                        return new HostBatch(step[0], step[0]++, views, new int[] {1, 32, 32}, null);
                    }, 0, 3);
            float[] query = densecl.parameters().get(0).getValue().getArray().toFloatArray();
            float[] keyNow = densecl.keyParameters().get(0).getValue().getArray().toFloatArray();
            assertThat(query).isNotEqualTo(start);
            assertThat(keyNow).isNotEqualTo(start).isNotEqualTo(query);
            assertThat(densecl.queue().pointer()).isEqualTo(3L * BATCH % 20);
            assertThat(densecl.denseQueue().pointer()).isEqualTo(3L * BATCH % 20);
            assertThat(densecl.denseQueue().keys().toFloatArray()).isNotEqualTo(denseStart);
            assertThat(densecl.stateCounters()).containsEntry("steps", 3L);
        }
    }

    @Test
    void denseWeightWarmsUpLinearly() {
        DenseClConfig config = new DenseClConfig(null, null, null, null, null, null, null, 0.4, 10);
        assertThat(config.lambdaAt(0)).isZero();
        assertThat(config.lambdaAt(5)).isCloseTo(0.2f, org.assertj.core.api.Assertions.within(1e-7f));
        assertThat(config.lambdaAt(10)).isEqualTo(0.4f);
        assertThat(config.lambdaAt(1000)).isEqualTo(0.4f);
    }

    @Test
    void theKeySideIsComputedByTheMomentumCopies() {
        Engines.seed(0);
        DenseCl densecl = method(64, 0);
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            densecl.initialize(manager, VIEWS);
            Batch batch = batch(manager, 1);
            float before = densecl.loss(batch, manager).getFloat();
            assertThat(densecl.loss(batch, manager).getFloat()).isEqualTo(before);
            // changing only the momentum encoder's first convolution must change the loss
            NDArray keyConv = densecl.keyParameters().get(0).getValue().getArray();
            keyConv.muli(-1);
            assertThat(densecl.loss(batch, manager).getFloat()).isNotEqualTo(before);
        }
    }
}
