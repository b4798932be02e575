package org.ssl4j.continual.curl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.train.Engines;

/**
 * Dynamic expansion on two kinds of 16-pixel binary patterns: a model trained on the first kind does not expand while
 * it keeps seeing them, and expands within a few steps of seeing the second, whose samples the new component then
 * claims (the first kind's too, until real training rebalances the two: only the new component was trained).
 */
class CurlExpansionTest {
    private static final int PIXELS = 16;
    private static final int BATCH = 20;
    /** Steps before the model may expand: it learns the first kind meanwhile. */
    private static final int BURN_IN = 250;

    @Test
    void expandsOnOutOfDistributionDataAndNotOnInDistributionData() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            Engines.seed(3);
            CurlModel model = new CurlModel(new CurlModel.Sizes(PIXELS, List.of(32), 4, 4, List.of(32)), m,
                    DataType.FLOAT32);
            DynamicExpansion expansion = new DynamicExpansion(new DynamicExpansion.Settings(true, -25, 40, 0, BURN_IN,
                    10));
            Curl curl = new Curl(model, 1, 3e-3f, expansion, null, 7);
            SplittableRandom random = new SplittableRandom(11);
            long step = 0;
            for (; step < 400; step++) {
                try (NDManager scope = m.newSubManager()) {
                    Curl.Step result = curl.train(step, batch(random, 0), scope);
                    assertThat(result.expanded()).as("expanded on familiar data at step %d", step).isFalse();
                }
            }
            assertThat(curl.active()).isEqualTo(1);
            long expandedAt = -1;
            for (; step < 420 && expandedAt < 0; step++) {
                try (NDManager scope = m.newSubManager()) {
                    if (curl.train(step, batch(random, 1), scope).expanded()) {
                        expandedAt = step;
                    }
                }
            }
            assertThat(expandedAt).as("expanded on the new kind").isBetween(400L, 405L);
            assertThat(curl.active()).isEqualTo(2);
            try (NDManager scope = m.newSubManager()) {
                float[] novel = model.clusterProbabilities(scope.create(batch(random, 1)), 2)
                        .toFloatArray();
                double novelOnNew = 0;
                for (int b = 0; b < BATCH; b++) {
                    novelOnNew += novel[2 * b + 1] / BATCH;
                }
                assertThat(novelOnNew).as("the new kind on the new component").isGreaterThan(0.8);
            }
        }
    }

    /** Kind 0: pixels 0-7 mostly on, 8-15 mostly off; kind 1 the reverse; 1 pixel in 10 flipped. */
    private static float[][] batch(SplittableRandom random, int kind) {
        float[][] out = new float[BATCH][PIXELS];
        for (float[] row : out) {
            for (int i = 0; i < PIXELS; i++) {
                boolean on = (i < PIXELS / 2) == (kind == 0);
                row[i] = on != (random.nextDouble() < 0.1) ? 1f : 0f;
            }
        }
        return out;
    }
}
