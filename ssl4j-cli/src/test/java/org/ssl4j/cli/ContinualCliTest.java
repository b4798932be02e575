package org.ssl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.continual.train.ContinualTrainer;

/**
 * {@code ssl4j continual train}, {@code eval} and {@code compare} on the bundled digits with a tiny model and a short
 * stream, and their user errors.
 */
class ContinualCliTest {
    private static final String[] TINY = {"--set", "stream.stepsPerClass=12", "--set", "stream.batchSize=50", "--set",
        "model.encoder=[64]", "--set", "model.decoder=[64]", "--set", "model.maxComponents=6", "--set",
        "expansion.waitSteps=5", "--set", "expansion.burnIn=5", "--set", "expansion.trainPasses=2", "--set",
        "expansion.bufferSize=50", "--set", "eval.logEvery=40"};

    @Test
    void trainWritesItsMeasuresAndEvalReproducesThem(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliTest.Outcome trained = CliTest.run(args("continual", "train", "--recipe", "continual/mnist/curl", "--out",
                out.toString()));
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.err()).contains("mnist-curl: 120 steps (10 classes x 12, sequential stream, batch 50)",
                "step 40/120");
        assertThat(trained.out()).contains("mnist-curl seed 0: cluster accuracy", "kNN error", "120 steps");
        ContinualTrainer.Report report = ContinualTrainer.readReport(out);
        assertThat(report.components()).isBetween(2, 6);
        assertThat(report.knnError()).isBetween(0.0, 0.9); // chance: 0.9
        assertThat(out.resolve("recipe.resolved.yaml")).content().contains("stepsPerClass: 12", "supervised: true");
        assertThat(out.resolve(ContinualTrainer.COMPONENTS_PNG)).isNotEmptyFile();
        List<String> components = Files.readAllLines(out.resolve(ContinualTrainer.COMPONENTS));
        assertThat(components.get(0)).isEqualTo("step,components");
        assertThat(components.get(1)).isEqualTo("0,1");
        assertThat(components.get(components.size() - 1)).isEqualTo("120," + report.components());
        List<String> tasks = Files.readAllLines(out.resolve(ContinualTrainer.TASKS));
        assertThat(tasks).hasSize(1 + 55).startsWith("after_task,task,class,accuracy"); // 1 + 2 + ... + 10 rows

        CliTest.Outcome evaluated = CliTest.run("continual", "eval", "--run", out.toString());
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.out()).contains(String.format(Locale.ROOT, "cluster accuracy %.2f %%, kNN error %.2f %%,"
                + " %d clusters", 100 * report.clusterAccuracy(), 100 * report.knnError(), report.components()));

        assertUserError(CliTest.run(args("continual", "train", "--recipe", "continual/mnist/curl", "--out",
                out.toString())), "already holds a finished run");
    }

    @Test
    void compareTabulatesEveryRecipeAndReusesFinishedRuns(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("table");
        String[] command = args("continual", "compare", "--recipe", "continual/mnist/curl", "--recipe",
                "continual/mnist/vae-kmeans", "--seeds", "0", "--out", out.toString());
        CliTest.Outcome first = CliTest.run(command);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("| mnist-curl | cluster accuracy (%) |", "| mnist-vae-kmeans | one-to-one "
                + "cluster accuracy (%) |", "| mnist-curl | forgetting, first half of the tasks (points) |");
        assertThat(first.out()).doesNotContain("| mnist-vae-kmeans | forgetting");
        assertThat(out.resolve("comparison.md")).content().isEqualTo(first.out());
        CliTest.Outcome again = CliTest.run(command);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("mnist-curl-seed0 is finished; reusing it");
        assertThat(again.out()).isEqualTo(first.out());
    }

    @Test
    void userMistakesGiveOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("x");
        assertUserError(CliTest.run("continual", "train", "--recipe", "continual/mnist/curl", "--out", out.toString(),
                "--set", "stream.order=shuffled"), "stream.order: 'shuffled', expected sequential, smooth or iid");
        assertUserError(CliTest.run("continual", "train", "--recipe", "continual/mnist/curl", "--out", out.toString(),
                "--set", "model.initialComponents=40"), "model.initialComponents: 40 exceeds model.maxComponents 30");
        assertUserError(CliTest.run("continual", "train", "--recipe", "continual/mnist/vae-kmeans", "--out",
                out.toString(), "--set", "replay.enabled=true"), "model.kind: vae-kmeans is the plain VAE baseline");
        assertUserError(CliTest.run("continual", "train", "--recipe", "continual/mnist/curl", "--out", out.toString(),
                "--set", "replay.every=1"), "replay.every: must be >= 2");
        assertUserError(CliTest.run("continual", "eval", "--run", dir.toString()), "not a run directory");
        assertUserError(CliTest.run("continual"), "a subcommand is required");
        assertThat(out).doesNotExist();
    }

    private static String[] args(String... head) {
        String[] all = Arrays.copyOf(head, head.length + TINY.length);
        System.arraycopy(TINY, 0, all, head.length, TINY.length);
        return all;
    }

    private static void assertUserError(CliTest.Outcome o, String... fragments) {
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
        assertThat(o.err().strip()).as("one line").doesNotContain("\n").doesNotContain("\tat ").contains(fragments);
    }
}
