package org.ssl4j.continual.curl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.train.Engines;

/** Replayed samples come from the snapshot and the components it was used with, not from the live model. */
class MixtureReplayTest {
    private static final CurlModel.Sizes SIZES = new CurlModel.Sizes(12, List.of(16), 3, 2, List.of(16));

    @Test
    void samplesComeFromTheSnapshotNotTheLiveModel() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            Engines.seed(5);
            CurlModel live = new CurlModel(SIZES, m, DataType.FLOAT32);
            MixtureReplay replay = new MixtureReplay(new MixtureReplay.Settings(true, 2, 10, false, false),
                    new CurlModel(SIZES, m, DataType.FLOAT32));
            // Only component 1 has been used on real data.
            replay.observe(m.create(new float[] {0, 1, 0, 0, 1, 0}, new Shape(2, 3)));
            assertThat(replay.replays(11)).as("no snapshot yet").isFalse();
            replay.refresh(live);
            assertThat(replay.replays(11)).isTrue();
            assertThat(replay.replays(12)).as("one batch in two").isFalse();
            float[] before = replay.sample(64, new SplittableRandom(9), m).samples().toFloatArray();

            for (Parameter p : live.blocks().get(5).getParameters().values()) { // the live decoder changes
                p.getArray().muli(-1).addi(0.5);
            }
            float[] after = replay.sample(64, new SplittableRandom(9), m).samples().toFloatArray();
            assertThat(after).as("unchanged by the live model").containsExactly(before);

            // The same draws through component 1 of the live model's present state: what a fresh snapshot gives.
            SplittableRandom draws = new SplittableRandom(9);
            for (int b = 0; b < 64; b++) {
                draws.nextDouble(); // the component draw
            }
            float[] noise = new float[64 * 2];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) draws.nextGaussian();
            }
            long[] ones = new long[64];
            Arrays.fill(ones, 1);
            NDArray fromLive = live.generate(m.create(ones), m.create(noise, new Shape(64, 2)));
            replay.refresh(live);
            float[] refreshed = replay.sample(64, new SplittableRandom(9), m).samples().toFloatArray();
            assertThat(refreshed).as("a new snapshot takes the live model").containsExactly(fromLive.toFloatArray());
            assertThat(refreshed).as("and the live model's change shows").isNotEqualTo(before);
            assertThat(replay.componentCounts()).containsExactly(0, 2, 0);
        }
    }
}
