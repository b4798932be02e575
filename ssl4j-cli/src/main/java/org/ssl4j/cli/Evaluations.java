package org.ssl4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.eval.Features;
import org.ssl4j.core.eval.KnnClassifier;
import org.ssl4j.core.eval.LinearProbe;
import org.ssl4j.core.eval.ResultRow;
import org.ssl4j.core.eval.Results;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.recipe.EvalConfig;
import org.ssl4j.core.recipe.Recipe;
import org.ssl4j.core.train.EncoderStore;
import org.ssl4j.core.train.Engines;
import org.ssl4j.image.data.ImageData;

/**
 * Runs the linear and kNN protocols on a finished run's encoder, and on the two baselines every report carries: the
 * same architecture randomly initialised and the raw pixels. The random-init encoder is drawn with the run's seed in
 * the same order as pretraining draws it, so it is exactly the network the run started from. Rows are appended to
 * the run's {@code results.json}.
 */
public final class Evaluations {
    /** The protocols this class runs. */
    public enum Protocol {
        /** Linear probe on frozen features. */
        LINEAR,
        /** Weighted kNN on frozen features. */
        KNN
    }

    private static final int BATCH = 500;

    private Evaluations() {}

    /**
     * Evaluates run {@code run} with {@code protocols} and appends the rows to {@code run/results.json}.
     *
     * @param base directory the recipe's relative data paths are resolved against
     * @return the new rows
     */
    public static List<ResultRow> evaluate(Path run, Set<Protocol> protocols, Path base, PrintStream log)
            throws IOException {
        Recipe recipe = Runs.loadRun(run);
        Engines.pytorch();
        ImageData.TrainTest data = ImageData.open(recipe.data(), base);
        Ssl4jException.check(data.train().hasLabels() && data.test() != null,
                "%s: evaluation needs labelled data (data.labels, and data.testLabels or a split)", run);
        int[] trainLabels = Features.labels(data.train());
        int[] testLabels = Features.labels(data.test());
        int numClasses = Math.max(data.train().numClasses(), data.test().numClasses());
        List<ResultRow> rows = new ArrayList<>();
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            EncoderStore.Loaded trained = EncoderStore.load(run.resolve("encoder"), manager);
            Engines.seed(recipe.seed());
            Backbone random = Backbones.create(recipe.backbone());
            int[] shape = data.train().sampleShape();
            random.initialize(manager, DataType.FLOAT32, new Shape(1, shape[0], shape[1], shape[2]));
            List<Candidate> candidates = List.of(
                    new Candidate(trained.spec().method(), trained.backbone()),
                    new Candidate("random-init", random),
                    new Candidate("raw-pixels", null));
            for (Candidate candidate : candidates) {
                try (NDManager scope = manager.newSubManager()) {
                    long start = System.nanoTime();
                    NDArray train = features(candidate, data.train(), scope);
                    NDArray test = features(candidate, data.test(), scope);
                    for (Protocol protocol : protocols) {
                        double top1 = run(protocol, recipe.eval(), train, trainLabels, test, testLabels, numClasses);
                        rows.add(new ResultRow(candidate.name(), protocol.name().toLowerCase(Locale.ROOT), "top1", top1,
                                "test", recipe.seed()));
                    }
                    log.printf(Locale.ROOT, "eval %-12s %d features, %.1f s%n", candidate.name(),
                            train.getShape().get(1), (System.nanoTime() - start) / 1e9);
                }
            }
        }
        Results.append(run.resolve("results.json"), rows);
        return rows;
    }

    private record Candidate(String name, Backbone encoder) {}

    private static NDArray features(Candidate candidate, Dataset dataset, NDManager manager) {
        return candidate.encoder() == null ? Features.rawPixels(dataset, manager)
                : Features.extract(candidate.encoder(), dataset, manager, BATCH);
    }

    private static double run(Protocol protocol, EvalConfig config, NDArray train, int[] trainLabels, NDArray test,
            int[] testLabels, int numClasses) {
        int[] predicted = switch (protocol) {
            case KNN -> new KnnClassifier(config.knn().k(), config.knn().temperature().floatValue())
                    .predict(train, trainLabels, test, numClasses);
            case LINEAR -> new LinearProbe(config.linear().maxIterations(), config.linear().weightDecay())
                    .fit(train, trainLabels, numClasses).predict(test);
        };
        return LinearProbe.accuracy(predicted, testLabels);
    }
}
