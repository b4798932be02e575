package org.ssl4j.image.moco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.BatchLoader;
import org.ssl4j.core.data.Subset;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.optim.AdamW;
import org.ssl4j.core.optim.Optimizers;
import org.ssl4j.core.recipe.AugmentConfig;
import org.ssl4j.core.recipe.BackboneConfig;
import org.ssl4j.core.train.Engines;
import org.ssl4j.core.train.Pretrainer;
import org.ssl4j.image.augment.SimClrAugmentation;
import org.ssl4j.image.data.ImageData;

class MoCoTest {
    private static final int BATCH = 16;

    private static MoCoConfig config(boolean symmetric, int queue) {
        return new MoCoConfig(null, queue, 0.9, null, 32, 16, symmetric, null);
    }

    private static float[] firstEncoderWeight(PairList<String, Parameter> params) {
        return params.get(0).getValue().getArray().toFloatArray();
    }

    /** Trains {@code steps} steps with split batch norm and returns the method. */
    private static void train(MoCo moco, NDManager manager, int steps) {
        Subset data = new Subset(ImageData.bundledMnist(), IntStream.range(0, 64).map(i -> i * 100).toArray());
        SimClrAugmentation augmentation = new SimClrAugmentation(new AugmentConfig(null, null, null, 0.0, null, null,
                null, null, null, null), 28);
        try (BatchLoader loader = new BatchLoader(data, augmentation, BATCH, 0, 0, steps, 1, 2)) {
            new Pretrainer(moco, AdamW.builder().build(), Optimizers.warmupCosine(1e-2f, 0, steps), 4, null, List.of())
                    .run(manager, loader, 0, steps);
        }
    }

    @Test
    void keyEncoderFollowsByMomentumAndKeysFillTheQueue() {
        Engines.seed(0);
        BackboneConfig backbone = new BackboneConfig("small-convnet", 1.0, null, 4);
        for (boolean symmetric : new boolean[] {false, true}) {
            MoCo moco = new MoCo(config(symmetric, 40), () -> Backbones.create(backbone));
            try (NDManager manager = Engines.pytorch().newBaseManager()) {
                moco.initialize(manager, new Shape(BATCH, 1, 28, 28));
                PairList<String, Parameter> key = moco.keyParameters();
                float[] start = firstEncoderWeight(moco.parameters());
                assertThat(firstEncoderWeight(key)).containsExactly(start); // initialised as a copy
                assertThat(key.get(0).getValue().requiresGradient()).isFalse();
                float[] queueStart = moco.queue().keys().toFloatArray();

                train(moco, manager, 3);

                float[] query = firstEncoderWeight(moco.parameters());
                float[] keyNow = firstEncoderWeight(key);
                assertThat(query).isNotEqualTo(start);
                assertThat(keyNow).isNotEqualTo(start).isNotEqualTo(query);
                int keysPerStep = symmetric ? 2 * BATCH : BATCH;
                assertThat(moco.queue().pointer()).isEqualTo((3L * keysPerStep) % 40);
                assertThat(moco.queue().keys().toFloatArray()).isNotEqualTo(queueStart);
            }
        }
    }

    @Test
    void rejectsAQueueSmallerThanTheKeysOfOneStep() {
        MoCo moco = new MoCo(config(true, 20), () -> Backbones.create(new BackboneConfig(null, null, null, null)));
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            assertThatThrownBy(() -> moco.initialize(manager, new Shape(BATCH, 1, 28, 28)))
                    .isInstanceOf(Ssl4jException.class).hasMessageContaining("queueSize 20 must be at least the 32");
        }
    }
}
