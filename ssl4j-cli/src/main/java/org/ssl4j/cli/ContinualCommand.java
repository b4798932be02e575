package org.ssl4j.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.ssl4j.continual.train.ContinualRecipe;
import org.ssl4j.continual.train.ContinualTrainer;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.train.AtomicFiles;
import org.ssl4j.core.train.Engines;
import org.ssl4j.image.data.ImageData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ssl4j continual}: CURL for continual learning (Rao et al. 2019) on class streams of a labelled image dataset,
 * its ablations and the VAE + k-means baseline, the recipes under {@code continual/} in {@code ssl4j recipes}.
 */
@Command(name = "continual", mixinStandardHelpOptions = true,
        description = "Continual unsupervised learning from class streams: CURL, its ablations, a VAE + k-means.",
        subcommands = {ContinualCommand.Train.class, ContinualCommand.Eval.class, ContinualCommand.Compare.class})
final class ContinualCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: train, eval or compare");
    }

    /** {@code ssl4j continual train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Learn from a recipe's stream, then measure cluster accuracy, kNN error and forgetting on "
                    + "the test split; writes recipe.resolved.yaml, results.csv, tasks.csv, components.csv/.png and "
                    + "model/ into --out.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--recipe", required = true, paramLabel = "FILE",
                description = "A continual recipe file, or a shipped one's name (e.g. continual/mnist/curl).")
        String recipe;

        @Option(names = "--set", paramLabel = "KEY=VALUE",
                description = "Override a recipe field, e.g. --set stream.order=iid --set seed=1.")
        List<String> overrides = new ArrayList<>();

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The run directory to create.")
        Path out;

        @Override
        public Integer call() throws IOException {
            ContinualRecipe loaded = Runs.loadRecipe(recipe, overrides, ContinualRecipe.class);
            ContinualTrainer.Report report = train(loaded, out, System.err);
            System.out.println(describe(report));
            return 0;
        }
    }

    /** {@code ssl4j continual eval}. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Measure a trained run's model again on its recipe's test split: cluster accuracy and kNN "
                    + "error of the latent means (forgetting needs the stream: see the run's tasks.csv).")
    static final class Eval implements Callable<Integer> {
        @Option(names = "--run", required = true, paramLabel = "DIR", description = "A run of `ssl4j continual train`.")
        Path run;

        @Override
        public Integer call() throws IOException {
            ContinualRecipe recipe = Runs.loadRun(run, ContinualRecipe.class);
            ImageData.TrainTest data = open(recipe);
            try (NDManager manager = Engines.pytorch().newBaseManager()) {
                System.out.println(describe(new ContinualTrainer(recipe).evaluate(run, data.train(), data.test(),
                        manager, System.err)));
            }
            return 0;
        }
    }

    /** {@code ssl4j continual compare}. */
    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Train several recipes over several seeds and write comparison.md, a table of the means, "
                    + "standard deviations and per-seed values; runs already finished in --out are reused, so a "
                    + "killed comparison continues where it stopped.")
    static final class Compare implements Callable<Integer> {
        @Option(names = "--recipe", required = true, paramLabel = "NAME",
                description = "A continual recipe (repeat the option for each).")
        List<String> recipes = new ArrayList<>();

        @Option(names = "--seeds", split = ",", paramLabel = "S", defaultValue = "0,1,2",
                description = "Seeds (default 0,1,2).")
        List<Long> seeds = new ArrayList<>();

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "An override for every recipe.")
        List<String> overrides = new ArrayList<>();

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the runs and table go.")
        Path out;

        @Override
        public Integer call() throws IOException {
            Ssl4jException.check(!seeds.isEmpty(), "--seeds: give at least one seed");
            Map<String, List<ContinualTrainer.Report>> reports = new LinkedHashMap<>();
            for (long seed : seeds) { // seeds outermost, so slow drift of the machine touches every recipe alike
                for (String name : recipes) {
                    List<String> all = new ArrayList<>(overrides);
                    all.add("seed=" + seed);
                    ContinualRecipe recipe = Runs.loadRecipe(name, all, ContinualRecipe.class);
                    Path run = out.resolve(recipe.name() + "-seed" + seed);
                    ContinualTrainer.Report report = ContinualTrainer.readReport(run);
                    if (report == null) {
                        report = train(recipe, run, System.err);
                    } else {
                        System.err.println("compare: " + run + " is finished; reusing it");
                    }
                    System.err.println(describe(report));
                    reports.computeIfAbsent(recipe.name(), k -> new ArrayList<>()).add(report);
                }
            }
            String table = table(reports, seeds);
            AtomicFiles.writeString(out.resolve("comparison.md"), table);
            System.out.print(table);
            return 0;
        }
    }

    /**
     * Trains {@code recipe} into the run directory {@code out}. A run there that did not finish (a recipe, no results)
     * is trained again from its start: the runs take minutes and keep no mid-run checkpoints.
     */
    static ContinualTrainer.Report train(ContinualRecipe recipe, Path out, PrintStream log) throws IOException {
        if (Files.exists(out.resolve(Runs.RESOLVED))) {
            Ssl4jException.check(ContinualTrainer.readReport(out) == null, "%s: already holds a finished run; choose "
                    + "another --out or delete it", out);
            log.println("continual: " + out + " did not finish; training it again from the start");
            AtomicFiles.deleteTree(out);
        }
        ImageData.TrainTest data = open(recipe);
        Files.createDirectories(out);
        Runs.recipeLoader().writeResolved(recipe, out.resolve(Runs.RESOLVED));
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            return new ContinualTrainer(recipe).run(data.train(), data.test(), manager, log, out);
        }
    }

    private static ImageData.TrainTest open(ContinualRecipe recipe) {
        ImageData.TrainTest data = ImageData.open(recipe.data(), Path.of(""), System.err);
        Ssl4jException.check(data.test() != null, "data: the continual protocol needs labels and a test split; "
                + "%s has no labels", recipe.data().source());
        return data;
    }

    private static String describe(ContinualTrainer.Report r) {
        return String.format(Locale.ROOT, "%s seed %d: cluster accuracy %.2f %%, kNN error %.2f %%, %d clusters, "
                + "forgetting (first half of the tasks) %.2f, %d steps in %.0f s", r.name(), r.seed(),
                100 * r.clusterAccuracy(), 100 * r.knnError(), r.components(), 100 * r.forgettingFirstHalf(),
                r.steps(), r.seconds());
    }

    /** The comparison's Markdown table: one row per recipe and measure. */
    static String table(Map<String, List<ContinualTrainer.Report>> reports, List<Long> seeds) {
        StringBuilder sb = new StringBuilder();
        sb.append("| recipe | measure | mean | std | per seed (").append(seeds).append(") |\n");
        sb.append("|---|---|---:|---:|---|\n");
        Map<String, ToDoubleFunction<ContinualTrainer.Report>> measures = new LinkedHashMap<>();
        measures.put("cluster accuracy (%)", r -> 100 * r.clusterAccuracy());
        measures.put("one-to-one cluster accuracy (%)", r -> 100 * r.hungarianAccuracy());
        measures.put("kNN error (%)", r -> 100 * r.knnError());
        measures.put("clusters", ContinualTrainer.Report::components);
        measures.put("forgetting, first half of the tasks (points)", r -> 100 * r.forgettingFirstHalf());
        measures.put("forgetting, all tasks but the last (points)", r -> 100 * r.meanForgetting());
        measures.put("training seconds", ContinualTrainer.Report::seconds);
        reports.forEach((name, runs) -> measures.forEach((measure, value) -> {
            List<Double> values = runs.stream().map(value::applyAsDouble).toList();
            if (values.stream().allMatch(v -> Double.isNaN(v))) {
                return;
            }
            StringBuilder perSeed = new StringBuilder();
            for (double v : values) {
                perSeed.append(perSeed.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v));
            }
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %s |%n", name, measure,
                    Comparison.mean(values), Comparison.std(values), perSeed));
        }));
        return sb.toString();
    }
}
