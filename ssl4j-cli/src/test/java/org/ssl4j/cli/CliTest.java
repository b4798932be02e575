package org.ssl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.continual.train.ContinualRecipe;
import org.ssl4j.core.eval.ResultRow;
import org.ssl4j.core.eval.Results;
import org.ssl4j.image.data.Idx;
import org.ssl4j.image.data.IdxArray;
import org.ssl4j.rl.train.RlRecipe;

/** The CLI end to end on tiny budgets: a quickstart, pretrain then eval, and every documented error path. */
class CliTest {
    /** What one CLI invocation printed and returned. */
    record Outcome(int code, String out, String err) {}

    static Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Ssl4j.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static final String[] TINY = {"--set", "train.steps=2", "--set", "train.batchSize=32",
        "--set", "eval.linear.maxIterations=30"};

    @Test
    void quickstartRunsTheWholePathAndPrintsTheTable(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("q");
        String[] args = new String[2 + TINY.length + 1];
        args[0] = "quickstart";
        args[1] = "--out=" + out;
        System.arraycopy(TINY, 0, args, 2, TINY.length);
        args[args.length - 1] = "--set=optim.warmupEpochs=0";
        Outcome o = run(args);
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("encoder", "linear top-1", "knn top-1", "simclr", "random-init", "raw-pixels");
        List<ResultRow> rows = Results.read(out.resolve("results.json"));
        assertThat(rows).hasSize(6);
        assertThat(rows).extracting(ResultRow::encoder).containsOnly("simclr", "random-init", "raw-pixels");
        assertThat(rows).allSatisfy(r -> assertThat(r.value()).isBetween(0.0, 1.0));
        // Raw pixels with kNN on MNIST are far above chance: a sanity check of the protocol itself.
        assertThat(rows).filteredOn(r -> r.encoder().equals("raw-pixels") && r.protocol().equals("knn"))
                .singleElement().satisfies(r -> assertThat(r.value()).isGreaterThan(0.9));
        assertThat(out.resolve("recipe.resolved.yaml")).exists();
        assertThat(out.resolve("encoder/encoder.params")).exists();
        assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).hasSize(1).first().asString().contains("\"step\":2");
        Outcome again = run(args);
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already holds a run");
    }

    @Test
    void pretrainThenEvalKnnAppendsRows(@TempDir Path dir) {
        Path out = dir.resolve("run");
        Outcome p = run("pretrain", "--recipe", "mnist/simclr", "--out", out.toString(), "--set", "train.steps=2",
                "--set", "train.batchSize=16");
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("encoder saved to");
        Outcome e = run("eval", "knn", "--run", out.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out().lines().findFirst().orElseThrow()).contains("knn top-1");
        Outcome e2 = run("eval", "knn", "--run", out.toString());
        assertThat(e2.code()).isZero();
    }

    @Test
    void fineTuneOfAStoredEncoderAddsItsRowAndTheFromScratchRow(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Outcome p = run("pretrain", "--recipe", "mnist/moco", "--out", out.toString(), "--set", "train.steps=2",
                "--set", "train.batchSize=16", "--set", "method.queueSize=64", "--set", "eval.finetune.steps=4");
        assertThat(p.code()).as(p.err()).isZero();
        Outcome f = run("eval", "finetune", "--run", out.toString(), "--fraction", "0.005");
        assertThat(f.code()).as(f.err()).isZero();
        assertThat(f.err()).contains("fine-tuning on 40 labelled images (0.5% of 8000), 4 steps");
        assertThat(f.out().lines().findFirst().orElseThrow()).contains("finetune top-1@0.5%");
        List<ResultRow> rows = Results.read(out.resolve("results.json"));
        assertThat(rows).extracting(ResultRow::encoder).containsExactly("moco", "random-init");
        assertThat(rows).allSatisfy(r -> assertThat(r.value()).isBetween(0.0, 1.0));
        Outcome bad = run("eval", "finetune", "--run", out.toString(), "--fraction", "1.5");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--fraction must be in (0, 1]: 1.5");
        Outcome noHead = run("eval", "finetune", "--run", out.toString(), "--head-layers", "1");
        assertThat(noHead.code()).isEqualTo(2);
        assertThat(noHead.err()).contains("ssl4j: error: eval.finetune.headLayers: 1, but moco has no projection head "
                + "to fine-tune from; use 0");
    }

    @Test
    void fineTuneFromTheProjectionHeadsHiddenLayerReadsTheHeadFromTheLastCheckpoint(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("run");
        Outcome p = run("pretrain", "--recipe", "mnist/simclr", "--out", out.toString(), "--set", "train.steps=2",
                "--set", "train.batchSize=16", "--set", "eval.finetune.steps=4", "--set", "eval.finetune.headLayers=1");
        assertThat(p.code()).as(p.err()).isZero();
        Outcome f = run("eval", "finetune", "--run", out.toString(), "--fraction", "0.005");
        assertThat(f.code()).as(f.err()).isZero();
        List<ResultRow> rows = Results.read(out.resolve("results.json"));
        assertThat(rows).extracting(ResultRow::encoder).containsExactly("simclr", "random-init");
        assertThat(rows).extracting(ResultRow::metric).containsOnly("top1@0.5%/head1");
        assertThat(rows).allSatisfy(r -> assertThat(r.value()).isBetween(0.0, 1.0));

        Outcome deep = run("eval", "finetune", "--run", out.toString(), "--head-layers", "2");
        assertThat(deep.code()).isEqualTo(2);
        assertThat(deep.err()).contains("eval.finetune.headLayers: 2, but the simclr head has 1 hidden layer(s)");
        try (var files = Files.list(out.resolve("checkpoints"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Outcome gone = run("eval", "finetune", "--run", out.toString());
        assertThat(gone.code()).isEqualTo(2);
        assertThat(gone.err()).contains("checkpoints: no checkpoint; fine-tuning from the projection head needs");
    }

    @Test
    void readmeRecipeExampleIsAValidRecipe() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        var recipe = Runs.recipeLoader().load("README.md", new java.io.ByteArrayInputStream(
                yaml.getBytes(StandardCharsets.UTF_8)), List.of());
        assertThat(recipe.data().source()).isEqualTo("idx");
        assertThat(recipe.data().testLabels()).isEqualTo("t10k-labels-idx1-ubyte.gz");
        assertThat(recipe.augment().flip()).isEqualTo(0.5);
    }

    @Test
    void recipesListsTheShippedRecipes() {
        Outcome o = run("recipes");
        assertThat(o.code()).isZero();
        assertThat(o.out().lines()).contains("mnist/simclr", "mnist/simclr-semi", "mnist/moco", "cifar10/moco");
        assertThat(o.out().lines()).contains("rl/cartpole-swingup/curl", "rl/finger-spin/state-sac");
        assertThat(o.out().lines()).contains("continual/mnist/curl", "continual/mnist/vae-kmeans");
        for (String name : ShippedRecipes.names()) { // each parses and validates
            String parsed = name.startsWith("rl/") ? Runs.loadRecipe(name, List.of(), RlRecipe.class).name()
                    : name.startsWith("continual/") ? Runs.loadRecipe(name, List.of(), ContinualRecipe.class).name()
                    : Runs.loadRecipe(name, List.of()).name();
            assertThat(parsed).as(name).isNotBlank();
        }
        var affine = Runs.loadRecipe("mnist/simclr-semi", List.of()).augment().affine();
        assertThat(affine.degrees()).isEqualTo(20.0);
        assertThat(affine.scale()).containsExactly(0.8, 1.2);
        assertThat(affine.probability()).isEqualTo(1.0);
    }

    private static void assertUserError(Outcome o, String... fragments) {
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
        assertThat(o.err().strip()).as("one line").doesNotContain("\n").doesNotContain("\tat ").contains(fragments);
    }

    @Test
    void userMistakesGiveOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("x");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "method: {name: simclr\n");
        assertUserError(run("pretrain", "--recipe", bad.toString(), "--out", out.toString()), "bad.yaml",
                "not valid YAML");
        Path unknown = dir.resolve("unknown.yaml");
        Files.writeString(unknown, "method: {name: simclr}\ntrain: {epochz: 3}\n");
        assertUserError(run("pretrain", "--recipe", unknown.toString(), "--out", out.toString()), "unknown.yaml",
                "unknown key 'train.epochz'");
        assertUserError(run("pretrain", "--recipe", dir.resolve("nope.yaml").toString(), "--out", out.toString()),
                "nope.yaml", "not found");
        assertUserError(run("pretrain", "--recipe", "mnist/simclr", "--out", out.toString(), "--set",
                "optim.lr=-3"), "optim.lr must be > 0");

        Path images = dir.resolve("images-idx3-ubyte");
        Idx.write(images, new IdxArray(new int[] {4, 28, 28}, new byte[4 * 784]));
        byte[] whole = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(whole, whole.length - 100));
        Path idx = dir.resolve("idx.yaml");
        Files.writeString(idx, "method: {name: simclr}\ndata: {source: idx, images: " + images + "}\n");
        assertUserError(run("pretrain", "--recipe", idx.toString(), "--out", out.toString()), images.toString(),
                "truncated IDX file");

        assertUserError(run("eval", "knn", "--run", dir.toString()), "not a run directory");
        assertUserError(run("eval", "cluster", "--run", dir.toString()), "cluster");
        assertUserError(run("pretrain", "--out", out.toString()), "--recipe");
        assertUserError(run(), "a command is required");
    }
}
