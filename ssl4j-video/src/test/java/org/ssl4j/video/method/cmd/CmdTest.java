package org.ssl4j.video.method.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.HostBatch;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.optim.AdamW;
import org.ssl4j.core.optim.Optimizers;
import org.ssl4j.core.recipe.BackboneConfig;
import org.ssl4j.core.train.Engines;
import org.ssl4j.core.train.Pretrainer;

/** CMD's wiring: which networks each task builds and trains, and that its losses fall on a fixed batch. */
class CmdTest {
    private static final int BATCH = 6;
    private static final int[] CLIP = {3, 4, 16, 16};
    private static final int[] KEYFRAME = {3, 16, 16};
    private static final int[] MOTION = {2, 2, 8, 8};
    private static final BackboneConfig BACKBONE = new BackboneConfig("r3d-10", 0.125, null, 1);

    private static CmdConfig config(double context, double motion, Integer classes) {
        return new CmdConfig(context, motion, null, null, 16, 16, "small-convnet", 1, "r3d-10", 0.125, MOTION[1], 1,
                1, 2, MOTION[2], 1, 16, 2, classes);
    }

    /** One fixed batch of noise: clip, keyframe and two motion-vector clips per sample, labels 0..2. */
    private static HostBatch batch(long step) {
        SplittableRandom random = new SplittableRandom(2);
        int[][] shapes = {CLIP, KEYFRAME, MOTION, MOTION};
        float[][] views = new float[4][];
        for (int v = 0; v < 4; v++) {
            int n = BATCH;
            for (int d : shapes[v]) {
                n *= d;
            }
            views[v] = new float[n];
            for (int i = 0; i < n; i++) {
                views[v][i] = (float) random.nextDouble();
            }
        }
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = i % 3;
        }
        return new HostBatch(step, 0, views, shapes, labels);
    }

    private static void initialize(Cmd cmd, NDManager manager) {
        cmd.initialize(manager, new Shape(BATCH, CLIP[0], CLIP[1], CLIP[2], CLIP[3]));
    }

    /** The losses of {@code steps} steps on the same batch. */
    private static List<Float> train(Cmd cmd, NDManager manager, int steps) {
        List<Float> losses = new ArrayList<>();
        long[] step = {0};
        new Pretrainer(cmd, AdamW.builder().build(), Optimizers.warmupCosine(2e-3f, 0, steps), steps, null,
                List.of(info -> losses.add(info.loss()))).run(manager, () -> batch(step[0]++), 0, steps);
        return losses;
    }

    private static Map<String, float[]> snapshot(Cmd cmd) {
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        cmd.parameters().forEach(p -> out.put(p.getKey(), p.getValue().getArray().toFloatArray()));
        return out;
    }

    @Test
    void bothTasksTrainAllFourNetworksAndLowerTheLoss() {
        Engines.seed(0);
        Cmd cmd = new Cmd(config(1, 1, null), () -> Backbones.create(BACKBONE));
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            initialize(cmd, manager);
            Map<String, float[]> before = snapshot(cmd);
            assertThat(before.keySet().stream().map(k -> k.substring(0, k.indexOf('.'))).distinct())
                    .containsExactly("encoder", "keyframeEncoder", "clipHead", "keyframeHead", "motionEncoder",
                            "predictor", "predictionHead", "motionHead");
            List<Float> losses = train(cmd, manager, 8);
            // At the start each InfoNCE is near log of its candidates: BATCH keyframes, 2 * BATCH * M cells.
            assertThat(losses.get(0)).isBetween(0.5f * (float) (Math.log(BATCH) + Math.log(2 * BATCH)),
                    2f * (float) (Math.log(BATCH) + Math.log(2 * BATCH * 4)));
            assertThat(losses.get(losses.size() - 1)).as("losses %s", losses).isLessThan(0.8f * losses.get(0));
            Map<String, float[]> after = snapshot(cmd);
            // Every network learns. (Not every array: on these tiny clips the feature maps have one cell, so the
            // transformer's attention over one key has no gradient for its key projection.)
            Map<String, Boolean> moved = new java.util.TreeMap<>();
            before.forEach((name, values) -> moved.merge(name.substring(0, name.indexOf('.')),
                    !java.util.Arrays.equals(values, after.get(name)), Boolean::logicalOr));
            assertThat(moved).hasSize(8).doesNotContainValue(false);
        }
    }

    @Test
    void aTaskOfWeightZeroIsNotBuiltAndClassesMakeTheSupervisedRun() {
        Engines.seed(0);
        Cmd contextOnly = new Cmd(config(1, 0, null), () -> Backbones.create(BACKBONE));
        Cmd supervised = new Cmd(config(0, 1, 3), () -> Backbones.create(BACKBONE));
        Cmd labelsOnly = new Cmd(config(0, 0, 3), () -> Backbones.create(BACKBONE));
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            initialize(contextOnly, manager);
            train(contextOnly, manager, 1);
            assertThat(contextOnly.stateArrays().keySet())
                    .noneMatch(k -> k.startsWith("motion") || k.startsWith("predict") || k.startsWith("classifier"));
            initialize(supervised, manager);
            List<Float> losses = train(supervised, manager, 8);
            assertThat(supervised.stateArrays().keySet()).anyMatch(k -> k.startsWith("classifier."))
                    .anyMatch(k -> k.startsWith("predictor.")).noneMatch(k -> k.startsWith("keyframe"));
            assertThat(losses.get(losses.size() - 1)).as("losses %s", losses).isLessThan(0.8f * losses.get(0));
            // Cross-entropy alone over three classes starts near log 3.
            initialize(labelsOnly, manager);
            assertThat(train(labelsOnly, manager, 1).get(0)).isBetween(0.5f * (float) Math.log(3),
                    2f * (float) Math.log(3));
        }
    }

    @Test
    void badSettingsAndMissingLabelsAreOneLineErrors() {
        assertThatThrownBy(() -> config(0, 0, null)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("nothing to learn from");
        assertThatThrownBy(() -> config(-1, 1, null)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("method.contextWeight must be >= 0");
        assertThatThrownBy(() -> new CmdConfig(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, 100, 3, null)).isInstanceOf(Ssl4jException.class)
                .hasMessage("method.heads (3) must divide method.width (100)");
        Cmd supervised = new Cmd(config(0, 1, 3), () -> Backbones.create(BACKBONE));
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            initialize(supervised, manager);
            HostBatch b = batch(0);
            HostBatch unlabelled = new HostBatch(0, 0, b.views(), b.viewShapes(), null);
            assertThatThrownBy(() -> new Pretrainer(supervised, AdamW.builder().build(),
                    Optimizers.warmupCosine(1e-3f, 0, 1), 1, null, List.of()).run(manager, () -> unlabelled, 0, 1))
                    .isInstanceOf(Ssl4jException.class).hasMessageContaining("needs labelled training data");
        }
    }
}
