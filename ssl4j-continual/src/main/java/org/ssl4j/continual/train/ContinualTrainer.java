package org.ssl4j.continual.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ssl4j.continual.curl.Curl;
import org.ssl4j.continual.curl.CurlModel;
import org.ssl4j.continual.curl.DynamicExpansion;
import org.ssl4j.continual.curl.MixtureReplay;
import org.ssl4j.continual.eval.ClusterAccuracy;
import org.ssl4j.continual.eval.TaskAccuracies;
import org.ssl4j.continual.stream.ClassStream;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.eval.KMeans;
import org.ssl4j.core.eval.KnnClassifier;
import org.ssl4j.core.nn.ParameterLists;
import org.ssl4j.core.plot.LinePlot;
import org.ssl4j.core.train.AtomicFiles;
import org.ssl4j.core.train.Checkpoints;
import org.ssl4j.core.train.Engines;
import org.ssl4j.core.train.TrainingState;

/**
 * Runs a continual-learning recipe end to end and measures it by CURL's protocol (Rao et al. 2019, section 4): the
 * model learns from the recipe's stream over the training split (inputs binarised at 0.5, as the official MNIST runs;
 * labels only order the stream), then on the test split: cluster accuracy ({@link ClusterAccuracy}; for the VAE
 * baseline, of k-means with as many clusters as classes on its latent means), kNN error of the latent means (the
 * training split's as neighbours, Euclidean, {@code eval.knn} of them), and, on the class streams, the per-task
 * accuracies after each task and the forgetting they show ({@link TaskAccuracies}). It writes into the run directory
 * {@value #COMPONENTS} and {@value #COMPONENTS_PNG} (active components over the steps), {@value #TASKS} (per-task
 * accuracies), {@value #RESULTS} (the measures) and the trained model under {@value #MODEL}/.
 */
public final class ContinualTrainer {
    /** The active components after each step at which they changed, and after the last. */
    public static final String COMPONENTS = "components.csv";
    /** Their plot. */
    public static final String COMPONENTS_PNG = "components.png";
    /** Per-task accuracies: {@code after_task,task,class,accuracy}. */
    public static final String TASKS = "tasks.csv";
    /** The measures, one header line and one row. */
    public static final String RESULTS = "results.csv";
    /** The trained model's checkpoint directory. */
    public static final String MODEL = "model";
    /** Rows per inference batch in the evaluations. */
    private static final int EVAL_BATCH = 1000;

    /**
     * What a run measured.
     *
     * @param name the recipe's name
     * @param seed its seed
     * @param clusterAccuracy majority-mapped cluster accuracy on the test split
     * @param hungarianAccuracy one-to-one cluster accuracy where clusters equal classes, else NaN
     * @param knnError kNN error of the latent means on the test split
     * @param components the clusters at the end (active components, or k-means' k)
     * @param forgettingFirstHalf the mean forgetting of the stream's first half of tasks (NaN without tasks)
     * @param meanForgetting the mean forgetting of every task but the last (NaN without tasks)
     * @param steps training steps run
     * @param seconds training time, seconds
     */
    public record Report(String name, long seed, double clusterAccuracy, double hungarianAccuracy, double knnError,
            int components, double forgettingFirstHalf, double meanForgetting, long steps, double seconds) {
        static final String HEADER = "name,seed,cluster_accuracy,hungarian_accuracy,knn_error,components,"
                + "forgetting_first_half,mean_forgetting,steps,seconds";

        static Report parse(String row) {
            String[] f = row.split(",");
            Ssl4jException.check(f.length == 10, "results row '%s': expected 10 fields", row);
            return new Report(f[0], Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Integer.parseInt(f[5]), Double.parseDouble(f[6]),
                    Double.parseDouble(f[7]), Long.parseLong(f[8]), Double.parseDouble(f[9]));
        }

        String csvRow() {
            return String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%.6f,%d,%.6f,%.6f,%d,%.3f", name, seed, clusterAccuracy,
                    hungarianAccuracy, knnError, components, forgettingFirstHalf, meanForgetting, steps, seconds);
        }
    }

    private final ContinualRecipe recipe;

    /** A trainer for {@code recipe}. */
    public ContinualTrainer(ContinualRecipe recipe) {
        this.recipe = recipe;
    }

    /**
     * Trains on {@code train}'s stream, evaluates on {@code test}, and writes the run's files into {@code out}.
     *
     * @param log progress lines
     */
    public Report run(Dataset train, Dataset test, NDManager manager, PrintStream log, Path out) throws IOException {
        Samples trainSet = Samples.of(train, "training");
        Samples testSet = Samples.of(test, "test");
        Engines.seed(recipe.seed());
        CurlModel.Sizes sizes = recipe.sizes(trainSet.width());
        CurlModel model = new CurlModel(sizes, manager, DataType.FLOAT32);
        MixtureReplay replay = recipe.replay().enabled()
                ? new MixtureReplay(recipe.replaySettings(), new CurlModel(sizes, manager, DataType.FLOAT32)) : null;
        int initial = recipe.model().vaeKMeans() ? 1 : recipe.model().initialComponents();
        Curl curl = new Curl(model, initial, recipe.model().learningRate().floatValue(),
                new DynamicExpansion(recipe.expansionSettings()), replay, recipe.seed());
        ContinualRecipe.Stream streamConfig = recipe.stream();
        ClassStream stream = new ClassStream(trainSet.labels(), streamConfig.streamOrder(),
                streamConfig.batchSize(), streamConfig.stepsPerClass(), recipe.seed());
        long steps = stream.steps();
        List<long[]> components = new ArrayList<>();
        components.add(new long[] {0, curl.active()});
        List<int[]> afterTask = new ArrayList<>();
        long start = System.nanoTime();
        double lossSum = 0;
        int replayed = 0;
        log.printf(Locale.ROOT, "%s: %d steps (%d classes x %d, %s stream, batch %d), %d of at most %d components "
                + "active%n", recipe.name(), steps, stream.classes().length, streamConfig.stepsPerClass(),
                streamConfig.order(), streamConfig.batchSize(), curl.active(), sizes.maxComponents());
        for (long step = 0; step < steps; step++) {
            int[] indices = stream.batch(step);
            float[][] batch = new float[indices.length][];
            for (int i = 0; i < indices.length; i++) {
                batch[i] = trainSet.rows()[indices[i]];
            }
            Curl.Step result;
            try (NDManager scope = manager.newSubManager()) {
                result = curl.train(step, batch, scope);
            }
            lossSum += result.loss();
            replayed += result.replayed() ? 1 : 0;
            if (result.expanded()) {
                components.add(new long[] {step + 1, result.active()});
                log.printf(Locale.ROOT, "step %d: expanded to %d components%n", step + 1, result.active());
            }
            if ((step + 1) % streamConfig.stepsPerClass() == 0 && !recipe.model().vaeKMeans()) {
                afterTask.add(clusters(model, curl.active(), testSet, manager));
            }
            if ((step + 1) % recipe.eval().logEvery() == 0 || step + 1 == steps) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                int span = (int) ((step % recipe.eval().logEvery()) + 1);
                log.printf(Locale.ROOT, "step %d/%d  class %d  loss %.2f  components %d  replayed %d/%d  %.3f s/step"
                        + "  ETA %.0f s%n", step + 1, steps, stream.classes()[stream.period(step)], lossSum / span,
                        curl.active(), replayed, span, elapsed / (step + 1), elapsed / (step + 1) * (steps - step - 1));
                lossSum = 0;
                replayed = 0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        components.add(new long[] {steps, curl.active()});
        Files.createDirectories(out);
        saveModel(model, curl.active(), steps, out.resolve(MODEL));
        TaskAccuracies tasks = afterTask.isEmpty() || streamConfig.streamOrder() == ClassStream.Order.IID ? null
                : new TaskAccuracies(afterTask, testSet.labels(), stream.classes(), sizes.maxComponents());
        Report report = evaluate(model, curl.active(), trainSet, testSet, tasks, steps, seconds, manager);
        writeComponents(components, out);
        if (tasks != null) {
            writeTasks(tasks, stream.classes(), out.resolve(TASKS));
        }
        String row = report.csvRow();
        AtomicFiles.writeString(out.resolve(RESULTS), Report.HEADER + "\n" + row + "\n");
        return Report.parse(row); // as results.csv holds it, so a run read back later reports the same figures
    }

    /** The report a finished run wrote into {@code run}/{@value #RESULTS}, or null when it has none. */
    public static Report readReport(Path run) throws IOException {
        Path file = run.resolve(RESULTS);
        if (!Files.exists(file)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file);
        Ssl4jException.check(lines.size() >= 2 && lines.get(0).equals(Report.HEADER), "%s: not a results file of "
                + "ssl4j continual", file);
        try {
            return Report.parse(lines.get(1));
        } catch (NumberFormatException e) {
            throw new Ssl4jException(file + ": damaged (" + e.getMessage() + ")");
        }
    }

    /** Evaluates the model a run saved under {@code run}/{@value #MODEL} on {@code test} (no per-task measures). */
    public Report evaluate(Path run, Dataset train, Dataset test, NDManager manager, PrintStream log)
            throws IOException {
        Samples trainSet = Samples.of(train, "training");
        Samples testSet = Samples.of(test, "test");
        CurlModel model = new CurlModel(recipe.sizes(trainSet.width()), manager, DataType.FLOAT32);
        Checkpoints.Loaded saved = new Checkpoints(run.resolve(MODEL), 1).loadLatest(manager, log)
                .orElseThrow(() -> new Ssl4jException(run + ": no trained model in " + MODEL + "/"));
        TrainingState.restoreArrays(saved, "", ParameterLists.arrays(model.namedBlocks()), "curl model");
        return evaluate(model, Math.toIntExact(saved.counter("active")), trainSet, testSet, null, saved.step(),
                Double.NaN, manager);
    }

    private Report evaluate(CurlModel model, int active, Samples train, Samples test, TaskAccuracies tasks, long steps,
            double seconds, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray trainLatents = latents(model, active, train, scope);
            NDArray testLatents = latents(model, active, test, scope);
            int classes = Math.max(train.numClasses(), test.numClasses());
            int[] clusters;
            int clusterCount;
            if (recipe.model().vaeKMeans()) {
                KMeans.Result fit = new KMeans(classes, 100, recipe.seed()).fit(trainLatents);
                clusters = KMeans.nearest(testLatents, fit.centroids());
                clusterCount = classes;
            } else {
                clusters = clusters(model, active, test, scope);
                clusterCount = active;
            }
            double accuracy = ClusterAccuracy.majority(clusters, test.labels(), Math.max(clusterCount,
                    recipe.sizes(train.width()).maxComponents()), classes);
            double hungarian = clusterCount == classes ? ClusterAccuracy.hungarian(clusters, test.labels(), classes)
                    : Double.NaN;
            int[] predicted = KnnClassifier.euclidean(recipe.eval().knn()).predict(trainLatents, train.labels(),
                    testLatents, classes);
            int right = 0;
            for (int i = 0; i < predicted.length; i++) {
                right += predicted[i] == test.labels()[i] ? 1 : 0;
            }
            int tasksCount = tasks == null ? 0 : tasks.accuracy().length;
            double firstHalf = tasksCount < 2 ? Double.NaN : tasks.meanForgetting(Math.max(1, tasksCount / 2));
            double mean = tasksCount < 2 ? Double.NaN : tasks.meanForgetting(tasksCount - 1);
            return new Report(recipe.name(), recipe.seed(), accuracy, hungarian,
                    1 - (double) right / predicted.length, clusterCount, firstHalf, mean, steps, seconds);
        }
    }

    /** The most probable component of each sample. */
    private static int[] clusters(CurlModel model, int active, Samples set, NDManager manager) {
        int[] out = new int[set.rows().length];
        for (int start = 0; start < out.length; start += EVAL_BATCH) {
            try (NDManager scope = manager.newSubManager()) {
                long[] best = model.clusterProbabilities(set.batch(start, EVAL_BATCH, scope), active).argMax(1)
                        .toLongArray();
                for (int i = 0; i < best.length; i++) {
                    out[start + i] = (int) best[i];
                }
            }
        }
        return out;
    }

    private static NDArray latents(CurlModel model, int active, Samples set, NDManager manager) {
        List<NDArray> parts = new ArrayList<>();
        for (int start = 0; start < set.rows().length; start += EVAL_BATCH) {
            parts.add(model.latentMeans(set.batch(start, EVAL_BATCH, manager), active));
        }
        return NDArrays.concat(new NDList(parts));
    }

    private static void saveModel(CurlModel model, int active, long steps, Path dir) throws IOException {
        Files.createDirectories(dir);
        new Checkpoints(dir, 1).save(steps, ParameterLists.arrays(model.namedBlocks()),
                Map.of("active", (long) active));
    }

    private void writeComponents(List<long[]> components, Path out) throws IOException {
        StringBuilder csv = new StringBuilder("step,components\n");
        double[] x = new double[components.size() * 2 - 1];
        double[] y = new double[x.length];
        for (int i = 0; i < components.size(); i++) {
            long[] row = components.get(i);
            csv.append(row[0]).append(',').append(row[1]).append('\n');
            if (i > 0) { // a step: the previous count up to this step, then the new one
                x[2 * i - 1] = row[0];
                y[2 * i - 1] = components.get(i - 1)[1];
            }
            x[2 * i] = row[0];
            y[2 * i] = row[1];
        }
        AtomicFiles.writeString(out.resolve(COMPONENTS), csv.toString());
        Map<String, LinePlot.Series> series = LinePlot.series();
        series.put(recipe.name(), new LinePlot.Series(x, y));
        LinePlot.write(series, recipe.name() + ": active components", "training steps", "components",
                out.resolve(COMPONENTS_PNG));
    }

    private static void writeTasks(TaskAccuracies tasks, int[] order, Path file) throws IOException {
        StringBuilder csv = new StringBuilder("after_task,task,class,accuracy\n");
        double[][] accuracy = tasks.accuracy();
        for (int t = 0; t < accuracy.length; t++) {
            for (int j = 0; j <= t; j++) {
                csv.append(String.format(Locale.ROOT, "%d,%d,%d,%.6f%n", t, j, order[j], accuracy[t][j]));
            }
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    /**
     * A labelled split held as binarised rows.
     *
     * @param rows each sample flattened, values 0 or 1
     * @param labels each sample's class
     * @param numClasses the dataset's classes
     */
    private record Samples(float[][] rows, int[] labels, int numClasses) {
        static Samples of(Dataset dataset, String split) {
            Ssl4jException.check(dataset != null && dataset.size() > 0, "continual: the %s split is empty", split);
            Ssl4jException.check(dataset.hasLabels(), "continual: the %s split has no labels; the stream is ordered "
                    + "by class and the evaluation needs them", split);
            int width = dataset.sampleLength();
            float[][] rows = new float[dataset.size()][width];
            int[] labels = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                dataset.read(i, rows[i], 0);
                for (int j = 0; j < width; j++) {
                    rows[i][j] = rows[i][j] > 0.5f ? 1f : 0f;
                }
                labels[i] = dataset.label(i);
            }
            return new Samples(rows, labels, dataset.numClasses());
        }

        int width() {
            return rows[0].length;
        }

        NDArray batch(int start, int size, NDManager manager) {
            return manager.create(Arrays.copyOfRange(rows, start, Math.min(rows.length, start + size)));
        }
    }
}
