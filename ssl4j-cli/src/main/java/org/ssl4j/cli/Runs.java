package org.ssl4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.BatchLoader;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.data.ViewTransform;
import org.ssl4j.core.eval.OnlineLinearProbe;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.method.Methods;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.optim.Optimizers;
import org.ssl4j.core.optim.StatefulOptimizer;
import org.ssl4j.core.recipe.Recipe;
import org.ssl4j.core.recipe.RecipeLoader;
import org.ssl4j.core.supervised.Supervised;
import org.ssl4j.core.supervised.SupervisedConfig;
import org.ssl4j.core.tensor.Tensors;
import org.ssl4j.core.train.CheckpointListener;
import org.ssl4j.core.train.Checkpoints;
import org.ssl4j.core.train.EncoderStore;
import org.ssl4j.core.train.Engines;
import org.ssl4j.core.train.MetricsLog;
import org.ssl4j.core.train.Pretrainer;
import org.ssl4j.core.train.ProgressBar;
import org.ssl4j.core.train.StepInfo;
import org.ssl4j.core.train.TrainingListener;
import org.ssl4j.core.train.TrainingState;
import org.ssl4j.image.ImageMethods;
import org.ssl4j.image.augment.SimClrAugmentation;
import org.ssl4j.image.data.ImageData;
import org.ssl4j.video.VideoMethods;
import org.ssl4j.video.method.xdc.Xdc;

/**
 * What the commands do, usable from Java too: load a recipe, pretrain into a run directory
 * ({@code recipe.resolved.yaml}, {@code metrics.jsonl}, {@code encoder/}), and open a finished run's data.
 */
public final class Runs {
    /** A pretraining run's checkpoints folder. */
    static final String CHECKPOINTS = "checkpoints";
    /** The file the resolved recipe is saved to in a run directory. */
    public static final String RESOLVED = "recipe.resolved.yaml";
    /** The folder of a run's audio encoder (XDC), beside {@code encoder}. */
    public static final String AUDIO_ENCODER = "encoder-audio";
    /** The online probe's learning rate (AdamW); the probe only reports, so it is not a recipe setting. */
    private static final float PROBE_LR = 1e-3f;

    private Runs() {}

    /** Every method ssl4j ships. */
    public static Methods methods() {
        return VideoMethods.register(ImageMethods.register(
                Methods.builder().add("supervised", SupervisedConfig.class, Supervised::new))).build();
    }

    /** A loader that knows every shipped method. */
    public static RecipeLoader recipeLoader() {
        return new RecipeLoader(methods());
    }

    /**
     * Loads a recipe from a file path, or else from the shipped recipes by name (e.g. {@code mnist/simclr}).
     */
    public static Recipe loadRecipe(String recipe, List<String> overrides) {
        return loadRecipe(recipe, overrides, Recipe.class);
    }

    /**
     * Loads a recipe of type {@code type} (a {@link Recipe}, or the RL module's) from a file path, or else from the
     * shipped recipes by name.
     */
    public static <T> T loadRecipe(String recipe, List<String> overrides, Class<T> type) {
        Path file = Path.of(recipe);
        if (Files.exists(file)) {
            return recipeLoader().load(file, overrides, type);
        }
        try (InputStream shipped = ShippedRecipes.open(recipe)) {
            if (shipped == null) {
                throw new Ssl4jException(recipe + ": recipe file not found, and no shipped recipe of that name"
                        + " (see `ssl4j recipes`)");
            }
            return recipeLoader().load(recipe, shipped, overrides, type);
        } catch (IOException e) {
            throw new Ssl4jException(recipe + ": cannot read recipe: " + e.getMessage(), e);
        }
    }

    /** The recipe of type {@code type} saved in run directory {@code run}. */
    public static <T> T loadRun(Path run, Class<T> type) {
        Path file = run.resolve(RESOLVED);
        if (!Files.isRegularFile(file)) {
            throw new Ssl4jException(run + ": not a run directory (no " + RESOLVED + ")");
        }
        return recipeLoader().load(file, List.of(), type);
    }

    /** The recipe saved in run directory {@code run}. */
    public static Recipe loadRun(Path run) {
        return loadRun(run, Recipe.class);
    }

    /**
     * Pretrains as {@code recipe} says into {@code out}, which must not already hold a run.
     *
     * @param base directory that relative data paths in the recipe are resolved against
     * @param log where progress is printed
     * @return the last step's report
     */
    public static StepInfo pretrain(Recipe recipe, Path out, Path base, PrintStream log) throws IOException {
        if (Files.exists(out.resolve(RESOLVED))) {
            throw new Ssl4jException(out + ": already holds a run; choose another --out, delete it, or continue it"
                    + " with --resume");
        }
        Files.createDirectories(out);
        Recipe resolved = recipe.withDataPathsFrom(base);
        recipeLoader().writeResolved(resolved, out.resolve(RESOLVED));
        return train(resolved, out, log, false);
    }

    /**
     * Continues the run in {@code run} from its newest intact checkpoint, with the recipe saved there. The steps that
     * follow are those an uninterrupted run would have taken.
     *
     * @return the last step's report, or {@code null} when the run had already finished
     */
    public static StepInfo resume(Path run, PrintStream log) throws IOException {
        return train(loadRun(run), run, log, true);
    }

    /**
     * What a run trains on: the dataset, the transform that makes its views, and one encoder input's shape (saved
     * with the encoder).
     */
    private record TrainingData(Dataset train, ViewTransform views, int[] encoderInput, String unit) {}

    /** The recipe's training data: clips of a video folder, or images. */
    private static TrainingData trainingData(Recipe recipe, PrintStream log) {
        if (recipe.data().source().equals("videofolder")) {
            VideoMethods.TrainingClips clips = VideoMethods.trainingClips(recipe, log);
            return new TrainingData(clips.clips(), clips.views(), clips.views().viewShape(clips.clips().sampleShape()),
                    "videos");
        }
        Dataset train = ImageData.open(recipe.data(), Path.of(""), log).train();
        int[] sampleShape = train.sampleShape();
        Ssl4jException.check(sampleShape[1] == sampleShape[2], "data: images must be square, got %s",
                Arrays.toString(sampleShape));
        return new TrainingData(train, new SimClrAugmentation(recipe.augment(), sampleShape[1]), sampleShape, "images");
    }

    private static StepInfo train(Recipe recipe, Path out, PrintStream log, boolean resume) throws IOException {
        Engines.pytorch();
        TrainingData data = trainingData(recipe, log);
        Dataset train = data.train();
        int batchSize = recipe.train().batchSize();
        Ssl4jException.check(batchSize <= train.size(), "train.batchSize %d exceeds the %d training %s",
                batchSize, train.size(), data.unit());
        if (recipe.method() instanceof SupervisedConfig supervised) {
            Ssl4jException.check(train.hasLabels(), "method supervised needs labelled training data");
            Ssl4jException.check(supervised.classes() == train.numClasses(),
                    "method.classes is %d but the training data has %d classes", supervised.classes(),
                    train.numClasses());
        }
        int stepsPerEpoch = BatchLoader.stepsPerEpoch(train.size(), batchSize);
        long totalSteps = recipe.train().steps() != null ? recipe.train().steps()
                : (long) recipe.train().epochs() * stepsPerEpoch;
        int warmup = (int) Math.min(totalSteps - 1, Math.round(recipe.optim().warmupEpochs() * stepsPerEpoch));

        int[] viewShape = data.views().viewShape(train.sampleShape());
        Engines.seed(recipe.seed());
        Method method = methods().create(recipe.method(), () -> Backbones.create(recipe.backbone()));
        log.printf(Locale.ROOT, "%s: %s on %d %s %s, %s, %d steps of batch %d (%d per epoch)%n", recipe.name(),
                method.name(), train.size(), data.unit(), Arrays.toString(train.sampleShape()),
                recipe.backbone().name(), totalSteps, batchSize, stepsPerEpoch);
        Path metricsFile = out.resolve("metrics.jsonl");
        Checkpoints checkpoints = new Checkpoints(out.resolve(CHECKPOINTS), recipe.train().keepCheckpoints());
        method.bindTrainingData(train, stepsPerEpoch);
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            method.initialize(manager, Tensors.batchShape(batchSize, viewShape));
            StatefulOptimizer optimizer = Optimizers.create(recipe.optim());
            OnlineLinearProbe probe = null;
            if (recipe.train().onlineProbe() && train.hasLabels()) {
                probe = new OnlineLinearProbe(method.encoder().numFeatures(), train.numClasses(), PROBE_LR, manager);
            } else if (recipe.train().onlineProbe()) {
                log.println("online probe: off (the training data has no labels)");
            }
            long first = 0;
            if (resume) {
                Optional<Checkpoints.Loaded> checkpoint = checkpoints.loadLatest(manager, log);
                if (checkpoint.isPresent()) {
                    first = TrainingState.restore(checkpoint.get(), method, optimizer, probe);
                    log.printf(Locale.ROOT, "resuming from %s: step %d of %d%n",
                            checkpoint.get().file().getFileName(), first, totalSteps);
                } else {
                    log.println("no checkpoint yet: starting again from step 0");
                }
                MetricsLog.truncateAfter(metricsFile, first);
            }
            StepInfo last = null;
            if (first < totalSteps) {
                Tracker schedule = Optimizers.warmupCosine(recipe.optim().lr().floatValue(), warmup,
                        (int) totalSteps);
                int every = recipe.train().checkpointEvery() > 0 ? recipe.train().checkpointEvery() : stepsPerEpoch;
                try (MetricsLog metrics = new MetricsLog(metricsFile, recipe.train().logEvery());
                        BatchLoader loader = new BatchLoader(train, data.views(), batchSize, recipe.seed(), first,
                                totalSteps, recipe.train().workers(), recipe.train().prefetch())) {
                    List<TrainingListener> listeners = new ArrayList<>();
                    listeners.add(metrics);
                    listeners.add(new CheckpointListener(checkpoints, method, optimizer, probe, every));
                    listeners.add(new ProgressBar(log, "pretrain", System.console() != null && log == System.err));
                    last = new Pretrainer(method, optimizer, schedule, stepsPerEpoch, probe, listeners)
                            .run(manager, loader, first, totalSteps);
                }
            } else {
                log.println("the run had already finished all " + totalSteps + " steps");
            }
            EncoderStore.save(out.resolve("encoder"), method.encoder(), new EncoderStore.Spec(method.name(),
                    recipe.backbone(), Arrays.stream(data.encoderInput()).boxed().toList()));
            if (method instanceof Xdc xdc) { // the audio encoder too, for its own evaluation (eval --encoder audio)
                EncoderStore.save(out.resolve(AUDIO_ENCODER), xdc.audioEncoder(), xdc.audioSpec());
            }
            return last;
        }
    }
}
