package org.ssl4j.video.method.modist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.HostBatch;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.optim.AdamW;
import org.ssl4j.core.optim.Optimizers;
import org.ssl4j.core.recipe.BackboneConfig;
import org.ssl4j.core.train.Engines;
import org.ssl4j.core.train.Pretrainer;

/** MoDist's wiring: two momentum pathways, their queues and names, and the Motion pathway built only when used. */
class ModistTest {
    private static final int BATCH = 4;
    private static final int QUEUE = 12;
    private static final int[] CLIP = {3, 4, 16, 16};
    private static final int[] FLOW = {2, 4, 8, 8};
    private static final BackboneConfig BACKBONE = new BackboneConfig("r3d-10", 0.125, null, 1);

    private static ModistConfig config(double visual, double motion, double cross) {
        return new ModistConfig(0.2, QUEUE, 0.9, 16, 8, true, visual, motion, cross, "r3d-10", 0.125, "dis",
                FLOW[2], 20.0);
    }

    /** One InfoNCE term against a zero queue when query and key have cosine {@code s}, at tau 0.2. */
    private static float term(double s) {
        return (float) Math.log(1 + QUEUE * Math.exp(-s / 0.2));
    }

    /** A batch of noise: two clips and two flow clips per sample. */
    private static HostBatch batch(long step) {
        SplittableRandom random = new SplittableRandom(step);
        int[][] shapes = {CLIP, CLIP, FLOW, FLOW};
        float[][] views = new float[4][];
        for (int v = 0; v < 4; v++) {
            views[v] = new float[BATCH * Arrays.stream(shapes[v]).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < views[v].length; i++) {
                views[v][i] = (float) random.nextDouble();
            }
        }
        return new HostBatch(step, step, views, shapes, null);
    }

    private static List<Float> train(Modist modist, NDManager manager, int steps) {
        modist.initialize(manager, new Shape(BATCH, CLIP[0], CLIP[1], CLIP[2], CLIP[3]));
        List<Float> losses = new ArrayList<>();
        long[] step = {0};
        new Pretrainer(modist, AdamW.builder().build(), Optimizers.warmupCosine(1e-3f, 0, steps), steps, null,
                List.of(info -> losses.add(info.loss()))).run(manager, () -> batch(step[0]++), 0, steps);
        return losses;
    }

    private static Map<String, float[]> snapshot(Map<String, ai.djl.ndarray.NDArray> arrays) {
        Map<String, float[]> out = new LinkedHashMap<>();
        arrays.forEach((name, array) -> out.put(name, array.toFloatArray()));
        return out;
    }

    /** The networks (name up to the first dot after the optional {@code motion.}) whose arrays changed. */
    private static Map<String, Boolean> moved(Map<String, float[]> before, Map<String, float[]> after) {
        Map<String, Boolean> out = new TreeMap<>();
        before.forEach((name, values) -> {
            String rest = name.startsWith("motion.") ? name.substring(7) : name;
            String network = name.substring(0, name.length() - rest.length()) + rest.substring(0, rest.indexOf('.'));
            out.merge(network, !Arrays.equals(values, after.get(name)), Boolean::logicalOr);
        });
        return out;
    }

    @Test
    void bothPathwaysTrainTheirKeysFollowAndBothQueuesFill() {
        Engines.seed(0);
        Modist modist = new Modist(config(1, 1, 1), () -> Backbones.create(BACKBONE));
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            modist.initialize(manager, new Shape(BATCH, CLIP[0], CLIP[1], CLIP[2], CLIP[3]));
            Map<String, float[]> before = snapshot(modist.stateArrays());
            assertThat(modist.parameters().keys().stream().map(k -> k.substring(0, k.indexOf('.'))).distinct())
                    .containsExactly("encoder", "head", "motion");
            List<Float> losses = train(modist, manager, 3);
            // Four InfoNCE terms against an empty (zero) queue: each is log(1 + QUEUE e^(-s / tau)) for the cosine s
            // of query and key.
            assertThat(losses.get(0)).isBetween(4 * term(1), 4 * term(-1));
            Map<String, Boolean> moved = moved(before, snapshot(modist.stateArrays()));
            assertThat(moved.keySet()).containsExactly("encoder", "head", "keyEncoder", "keyHead", "motion.encoder",
                    "motion.head", "motion.keyEncoder", "motion.keyHead", "motion.queue", "queue");
            assertThat(moved).doesNotContainValue(false);
            assertThat(modist.stateCounters()).containsExactly(Map.entry("queue.pointer", 3L * BATCH % QUEUE),
                    Map.entry("motion.queue.pointer", 3L * BATCH % QUEUE));
            // The probe reads the Visual pathway's features; the encoder evaluated is the Visual pathway's.
            assertThat(modist.encoder().numFeatures()).isEqualTo(Backbones.create(BACKBONE).numFeatures());
        }
    }

    @Test
    void withoutMotionTermsTheMotionPathwayIsNotBuilt() {
        Engines.seed(0);
        Modist visualOnly = new Modist(config(1, 0, 0), () -> Backbones.create(BACKBONE));
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            List<Float> losses = train(visualOnly, manager, 1);
            assertThat(visualOnly.stateArrays().keySet()).noneMatch(k -> k.startsWith("motion."));
            assertThat(visualOnly.stateCounters()).containsOnlyKeys("queue.pointer");
            assertThat(losses.get(0)).isBetween(term(1), term(-1));
        }
    }

    @Test
    void badSettingsAreOneLineErrors() {
        assertThatThrownBy(() -> config(0, 1, 0)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("the Visual pathway would learn nothing");
        assertThatThrownBy(() -> config(1, -1, 1)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("method.motionWeight must be >= 0");
        assertThatThrownBy(() -> new ModistConfig(null, null, null, null, null, null, null, null, null, null, null,
                "sparse", null, null)).isInstanceOf(Ssl4jException.class).hasMessageContaining("sparse");
        assertThatThrownBy(() -> new ModistConfig(null, null, null, null, null, null, null, null, null, null, null,
                null, null, 0.0)).isInstanceOf(Ssl4jException.class).hasMessageContaining("method.flowBound");
    }
}
