package org.ssl4j.continual.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.data.ArraySamples;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.recipe.DataConfig;
import org.ssl4j.core.train.Engines;

/**
 * CURL end to end on a sequential stream of three kinds of 16-pixel patterns: with expansion and replay it grows a
 * component per kind and clusters the test patterns almost perfectly, a second run with the seed repeats the first
 * exactly, and without expansion its one component cannot cluster at all.
 */
class ContinualTrainerTest {
    private static final int PIXELS = 16;

    @Test
    void curlClustersASequentialStreamAndRepeatsItself(@TempDir Path dir) throws Exception {
        Dataset train = patterns(300, 1);
        Dataset test = patterns(150, 2);
        ContinualTrainer.Report first = run(recipe(true), train, test, dir.resolve("a"));
        assertThat(first.components()).isBetween(3, 6);
        assertThat(first.clusterAccuracy()).isGreaterThan(0.9);
        assertThat(first.knnError()).isLessThan(0.05);
        assertThat(first.forgettingFirstHalf()).isBetween(-1.0, 0.2);
        ContinualTrainer.Report second = run(recipe(true), train, test, dir.resolve("b"));
        assertThat(second).usingRecursiveComparison().ignoringFields("seconds").isEqualTo(first);
        assertThat(ContinualTrainer.readReport(dir.resolve("a"))).usingRecursiveComparison()
                .ignoringFields("seconds", "clusterAccuracy", "hungarianAccuracy", "knnError", "forgettingFirstHalf",
                        "meanForgetting").isEqualTo(first); // the file keeps 6 decimals

        ContinualTrainer.Report oneComponent = run(recipe(false), train, test, dir.resolve("c"));
        assertThat(oneComponent.components()).isEqualTo(1);
        assertThat(oneComponent.clusterAccuracy()).isCloseTo(1.0 / 3, within(0.01));
    }

    private static ContinualRecipe recipe(boolean expansion) {
        return new ContinualRecipe("patterns", 4L, DataConfig.defaults(),
                new ContinualRecipe.Stream("sequential", 120L, 30),
                new ContinualRecipe.Model("curl", List.of(32), List.of(32), 6, 1, 4, 3e-3),
                new ContinualRecipe.Expansion(expansion, -25.0, 30, 10, 30, 10),
                new ContinualRecipe.Replay(true, 2, null, false, true), new ContinualRecipe.Eval(5, 1000));
    }

    private static ContinualTrainer.Report run(ContinualRecipe recipe, Dataset train, Dataset test, Path out)
            throws Exception {
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            return new ContinualTrainer(recipe).run(train, test, manager,
                    new PrintStream(new ByteArrayOutputStream()), out);
        }
    }

    /** {@code n} patterns of kinds 0, 1, 2 in turn: kind k has pixels 5k..5k+5 on; 1 pixel in 20 flipped. */
    private static Dataset patterns(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] rows = new float[n][PIXELS];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int p = 0; p < PIXELS; p++) {
                boolean on = p >= 5 * labels[i] && p < 5 * labels[i] + 6;
                rows[i][p] = on != (random.nextDouble() < 0.05) ? 1f : 0f;
            }
        }
        return new ArraySamples(rows, new int[] {1, 1, PIXELS}, labels, 3);
    }
}
