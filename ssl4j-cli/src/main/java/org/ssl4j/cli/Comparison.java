package org.ssl4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.eval.ResultRow;
import org.ssl4j.core.eval.Results;
import org.ssl4j.core.recipe.Recipe;
import org.ssl4j.core.train.AtomicFiles;

/**
 * Runs a comparison of recipes over seeds (pretraining, then the same evaluations of every run) and summarises it
 * as mean, sample standard deviation and per-seed values of every figure of the trained encoders, plus the mean
 * wall-clock seconds per training step measured from each run's {@code metrics.jsonl}. Every piece is reused when
 * present, so running the same comparison again continues it.
 */
final class Comparison {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Comparison() {}

    /**
     * One evaluation: its protocols (run on one extraction of the features when several are joined by {@code +}),
     * and the bundled source it runs on, or null for the run's own data.
     */
    record Eval(List<String> protocols, String source) {
        static Eval parse(String spec) {
            String[] parts = spec.split("@", 2);
            List<String> protocols = List.of(parts[0].toLowerCase(Locale.ROOT).split("\\+"));
            boolean dense = protocols.equals(List.of("dense"));
            Ssl4jException.check(dense || Set.of("linear", "knn", "retrieval").containsAll(protocols),
                    "--eval must be dense, or linear, knn and retrieval joined by +, optionally @SOURCE: %s", spec);
            return new Eval(protocols, parts.length == 2 ? parts[1] : null);
        }

        Evaluations.Target target(String testList) {
            return new Evaluations.Target(source, testList);
        }

        /** Whether {@code row} is one of this evaluation's figures on {@code target}. */
        boolean produced(ResultRow row, Evaluations.Target target) {
            return protocols.contains(row.protocol()) && target.split().equals(row.split());
        }
    }

    /**
     * @param testList a video held-out list evaluated instead of each recipe's {@code data.testList}, or null
     */
    static String run(List<String> recipeNames, List<Long> seeds, List<String> evalSpecs, String testList,
            List<String> overrides, Path out, PrintStream log) throws IOException {
        Ssl4jException.check(recipeNames.size() >= 2, "--recipe: give at least two recipes to compare");
        Ssl4jException.check(!seeds.isEmpty(), "--seeds: give at least one seed");
        List<Eval> evals = evalSpecs.stream().map(Eval::parse).toList();
        Map<String, List<Path>> runs = new LinkedHashMap<>();
        for (long seed : seeds) { // seeds outermost, so slow drift of the machine touches every recipe alike
            for (String name : recipeNames) {
                List<String> all = new ArrayList<>(overrides);
                all.add("seed=" + seed);
                Recipe recipe = Runs.loadRecipe(name, all);
                Path run = out.resolve(recipe.name() + "-seed" + seed);
                List<Path> ofRecipe = runs.computeIfAbsent(recipe.name(), k -> new ArrayList<>());
                Ssl4jException.check(!ofRecipe.contains(run), "--recipe: two recipes are named %s", recipe.name());
                ofRecipe.add(run);
                pretrain(recipe, run, log);
                for (Eval eval : evals) {
                    evaluate(run, eval, eval.target(testList), name.equals(recipeNames.get(0)), log);
                }
            }
        }
        String summary = summary(runs, evals, testList, seeds);
        AtomicFiles.writeString(out.resolve("comparison.md"), summary);
        return summary;
    }

    private static void pretrain(Recipe recipe, Path run, PrintStream log) throws IOException {
        if (Files.exists(run.resolve("encoder").resolve("encoder.yaml"))) {
            log.println("compare: " + run + " is trained; reusing it");
        } else if (Files.exists(run.resolve(Runs.RESOLVED))) {
            log.println("compare: resuming " + run);
            Runs.resume(run, log);
        } else {
            log.println("compare: pretraining " + run);
            Runs.pretrain(recipe, run, Path.of(""), log);
        }
    }

    /**
     * Runs {@code eval} on {@code run} unless its rows exist; {@code baselines} adds the random-init rows, which the
     * first recipe's runs carry for every seed (the other recipes share backbone, data and seed). Raw pixels are left
     * out: they do not depend on the recipe, and their probe took longer than any encoder's.
     */
    private static void evaluate(Path run, Eval eval, Evaluations.Target target, boolean baselines, PrintStream log)
            throws IOException {
        Evaluations.Baselines rows = baselines ? Evaluations.Baselines.RANDOM_INIT : Evaluations.Baselines.NONE;
        List<ResultRow> existing = Results.read(run.resolve("results.json"));
        List<String> missing = eval.protocols().stream().filter(protocol -> existing.stream()
                .noneMatch(r -> r.protocol().equals(protocol) && r.split().equals(target.split()))).toList();
        if (missing.isEmpty()) {
            return;
        }
        log.println("compare: " + String.join("+", missing) + " on " + target.split() + " of " + run);
        if (missing.equals(List.of("dense"))) {
            Evaluations.dense(run, eval.source(), rows, Path.of(""), log);
            return;
        }
        Set<Evaluations.Protocol> protocols = missing.stream() // in the enum's order, so rows come in a fixed order
                .map(p -> Evaluations.Protocol.valueOf(p.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Evaluations.Protocol.class)));
        Evaluations.evaluate(run, protocols, target, rows, Path.of(""), log);
    }

    /**
     * Mean seconds per step after the first tenth of the run (warm-up excluded), from the logged wall clock; over the
     * whole run when only one step was logged.
     */
    static double secondsPerStep(Path run) throws IOException {
        List<double[]> points = new ArrayList<>(); // {step, seconds}
        try (BufferedReader in = Files.newBufferedReader(run.resolve("metrics.jsonl"))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode node = JSON.readTree(line);
                if (node.has("seconds") && node.has("step")) {
                    points.add(new double[] {node.get("step").asDouble(), node.get("seconds").asDouble()});
                }
            }
        }
        Ssl4jException.check(!points.isEmpty(), "%s: metrics.jsonl has no timed steps", run);
        double[] last = points.get(points.size() - 1);
        if (points.size() == 1) {
            return last[1] / last[0];
        }
        double[] first = points.get(0);
        for (double[] p : points) {
            if (p[0] >= last[0] / 10) {
                first = p;
                break;
            }
        }
        if (first == last) {
            first = points.get(0);
        }
        return (last[1] - first[1]) / (last[0] - first[0]);
    }

    private static String summary(Map<String, List<Path>> runs, List<Eval> evals, String testList,
            List<Long> seeds) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("| recipe | encoder | figure | mean | std | per seed (").append(seeds).append(") |\n");
        sb.append("|---|---|---|---:|---:|---|\n");
        Double reference = null;
        for (Map.Entry<String, List<Path>> entry : runs.entrySet()) {
            Map<List<String>, List<Double>> figures = new LinkedHashMap<>(); // (encoder, figure) -> per seed
            List<Double> stepSeconds = new ArrayList<>();
            for (Path run : entry.getValue()) {
                stepSeconds.add(secondsPerStep(run));
                for (ResultRow row : latest(Results.read(run.resolve("results.json")), evals, testList)) {
                    List<String> key = List.of(row.encoder(),
                            row.protocol() + " " + row.metric() + " (" + row.split() + ")");
                    figures.computeIfAbsent(key, k -> new ArrayList<>()).add(100 * row.value());
                }
            }
            figures.forEach((key, values) -> line(sb, entry.getKey(), key.get(0), key.get(1), values, "%.2f"));
            double mean = mean(stepSeconds);
            if (reference == null) {
                reference = mean;
            }
            line(sb, entry.getKey(), "-", "seconds per step", stepSeconds, "%.3f");
            sb.append(String.format(Locale.ROOT, "| %s | - | step time / first recipe's | %.3f | | |%n",
                    entry.getKey(), mean / reference));
        }
        return sb.toString();
    }

    /** Per (encoder, protocol, metric, split) of the requested evaluations, the last row written. */
    private static List<ResultRow> latest(List<ResultRow> rows, List<Eval> evals, String testList) {
        Map<String, ResultRow> last = new LinkedHashMap<>();
        for (ResultRow row : rows) {
            boolean wanted = evals.stream().anyMatch(e -> e.produced(row, e.target(testList)));
            if (wanted) {
                last.put(row.encoder() + "/" + row.protocol() + "/" + row.metric() + "/" + row.split(), row);
            }
        }
        return new ArrayList<>(last.values());
    }

    private static void line(StringBuilder sb, String recipe, String encoder, String figure, List<Double> values,
            String format) {
        StringBuilder perSeed = new StringBuilder();
        for (double v : values) {
            perSeed.append(perSeed.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, format, v));
        }
        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | " + format + " | " + format + " | %s |%n", recipe,
                encoder, figure, mean(values), std(values), perSeed));
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n - 1); 0 for one value. */
    static double std(List<Double> values) {
        if (values.size() < 2) {
            return 0;
        }
        double m = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - m) * (v - m);
        }
        return Math.sqrt(sum / (values.size() - 1));
    }
}
