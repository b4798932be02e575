package org.ssl4j.video.method.dsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.ArraySamples;
import org.ssl4j.core.data.BatchLoader;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.optim.AdamW;
import org.ssl4j.core.optim.Optimizers;
import org.ssl4j.core.recipe.BackboneConfig;
import org.ssl4j.core.train.Engines;
import org.ssl4j.core.train.Pretrainer;
import org.ssl4j.video.augment.ClipAugmentation;

/** DSM's views and both of its losses on tiny random clips. */
class DsmTest {
    private static final int BATCH = 8;
    private static final int FRAMES = 4;
    private static final int SIZE = 16;
    private static final BackboneConfig BACKBONE = new BackboneConfig("r3d-10", 0.125, null, 2);

    private static DsmConfig config(String loss, List<String> negatives) {
        return new DsmConfig(null, 24, 0.9, 16, 8, null, loss, null, negatives, null, null, List.of(0.1, 0.2));
    }

    /** Clips {@code (1, 3, T, H, W)} of noise: every frame differs from every other. */
    private static ArraySamples clips(int n) {
        SplittableRandom random = new SplittableRandom(1);
        float[][] samples = new float[n][3 * FRAMES * SIZE * SIZE];
        for (float[] sample : samples) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = (float) random.nextDouble();
            }
        }
        return new ArraySamples(samples, new int[] {1, 3, FRAMES, SIZE, SIZE});
    }

    private static DsmViews views(DsmConfig config) {
        return new DsmViews(new ClipAugmentation(1, SIZE, 1, 1, 0, 0, 0.5, 0), config.spatial(), config.temporal());
    }

    private static void train(Method method, DsmViews views, NDManager manager, int steps) {
        method.initialize(manager, new Shape(BATCH, 3, FRAMES, SIZE, SIZE));
        try (BatchLoader loader = new BatchLoader(clips(16), views, BATCH, 0, 0, steps, 1, 2)) {
            new Pretrainer(method, AdamW.builder().build(), Optimizers.warmupCosine(1e-2f, 0, steps), 2, null,
                    List.of()).run(manager, loader, 0, steps);
        }
    }

    private static float[] first(PairList<String, Parameter> params) {
        return params.get(0).getValue().getArray().toFloatArray();
    }

    /** Frame {@code t} of channel 0 of a view {@code (3, T, S, S)} at {@code offset}. */
    private static float[] frame(float[] view, int offset, int t) {
        int plane = SIZE * SIZE;
        return Arrays.copyOfRange(view, offset + t * plane, offset + (t + 1) * plane);
    }

    @Test
    void viewsAreTheClipItsWarpedCopyAndItsTemporallyDisturbedCopy() {
        float[] sample = new float[3 * FRAMES * SIZE * SIZE];
        clips(1).read(0, sample, 0);
        int[] shape = {1, 3, FRAMES, SIZE, SIZE};
        for (String kind : List.of("shuffle", "static")) {
            DsmViews views = views(config(null, List.of(kind)));
            assertThat(views.clipsPerSample()).isEqualTo(1);
            assertThat(views.viewShape(shape)).containsExactly(3, FRAMES, SIZE, SIZE);
            float[][] out = new float[3][sample.length];
            views.apply(sample, shape, new SplittableRandom(kind.length()), out, 0);
            assertThat(out[0]).as("the anchor is the clip (the augmentation is the identity)").isEqualTo(sample);
            assertThat(out[1]).as("the positive is warped").isNotEqualTo(sample);
            List<float[]> anchorFrames = new java.util.ArrayList<>();
            for (int t = 0; t < FRAMES; t++) {
                anchorFrames.add(frame(out[0], 0, t));
            }
            int[] source = new int[FRAMES];
            for (int t = 0; t < FRAMES; t++) {
                float[] negative = frame(out[2], 0, t);
                source[t] = -1;
                for (int s = 0; s < FRAMES; s++) {
                    if (Arrays.equals(negative, anchorFrames.get(s))) {
                        source[t] = s;
                    }
                }
            }
            assertThat(source).as("every negative frame is one of the clip's frames").doesNotContain(-1);
            if (kind.equals("static")) {
                assertThat(Arrays.stream(source).distinct().count()).isEqualTo(1);
            } else {
                assertThat(source).containsExactlyInAnyOrder(0, 1, 2, 3).isNotEqualTo(new int[] {0, 1, 2, 3});
            }
        }
        DsmViews other = views(config(null, List.of("other-time", "static")));
        assertThat(other.clipsPerSample()).isEqualTo(2);
        assertThatThrownBy(() -> other.viewShape(shape)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("DSM views need samples of 2 RGB clips");
    }

    @Test
    void infoNceVariantTrainsTheQueryFollowsByMomentumAndFillsTheQueue() {
        Engines.seed(0);
        DsmConfig config = config(null, List.of("shuffle", "static"));
        Dsm dsm = new Dsm(config, () -> Backbones.create(BACKBONE));
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            dsm.initialize(manager, new Shape(BATCH, 3, FRAMES, SIZE, SIZE));
            float[] start = first(dsm.parameters());
            PairList<String, Parameter> key = dsm.keyParameters();
            assertThat(first(key)).containsExactly(start);
            assertThat(key.values()).allSatisfy(p -> assertThat(p.getArray().hasGradient()).isFalse());
            float[] queueStart = dsm.stateArrays().get("queue.keys").toFloatArray();
            train(dsm, views(config), manager, 3);
            float[] query = first(dsm.parameters());
            assertThat(query).isNotEqualTo(start);
            assertThat(first(key)).isNotEqualTo(start).isNotEqualTo(query);
            assertThat(key.values()).allSatisfy(p -> assertThat(p.getArray().hasGradient()).isFalse());
            assertThat(dsm.stateCounters()).containsEntry("queue.pointer", (3L * BATCH) % 24);
            assertThat(dsm.stateArrays().get("queue.keys").toFloatArray()).isNotEqualTo(queueStart);
        }
    }

    @Test
    void tripletVariantTrainsOneEncoderWithoutQueue() {
        Engines.seed(0);
        DsmConfig config = config("triplet", List.of("static"));
        DsmTriplet dsm = new DsmTriplet(config, () -> Backbones.create(BACKBONE));
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            dsm.initialize(manager, new Shape(BATCH, 3, FRAMES, SIZE, SIZE));
            float[] start = first(dsm.parameters());
            train(dsm, views(config), manager, 2);
            assertThat(first(dsm.parameters())).isNotEqualTo(start);
            assertThat(dsm.stateArrays().keySet()).allSatisfy(name -> assertThat(name).doesNotContain("queue", "key"));
        }
    }

    @Test
    void badSettingsAreOneLineErrors() {
        assertThatThrownBy(() -> config("hinge", null)).isInstanceOf(Ssl4jException.class)
                .hasMessage("method.loss must be infonce or triplet: hinge");
        assertThatThrownBy(() -> config(null, List.of("backwards"))).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("method.negatives must be one of other-time, shuffle, static");
        assertThatThrownBy(() -> new DsmConfig(null, null, null, null, null, null, null, null, null, null, null,
                List.of(0.1))).isInstanceOf(Ssl4jException.class).hasMessageContaining("method.sldRadius");
        Dsm dsm = new Dsm(config(null, List.of("static")), () -> Backbones.create(BACKBONE));
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            assertThatThrownBy(() -> dsm.initialize(manager, new Shape(32, 3, FRAMES, SIZE, SIZE)))
                    .isInstanceOf(Ssl4jException.class).hasMessageContaining("queueSize 24 must be at least the 32");
        }
    }
}
