package org.ssl4j.continual.train;

import java.util.List;
import java.util.Locale;
import org.ssl4j.continual.curl.CurlModel;
import org.ssl4j.continual.curl.DynamicExpansion;
import org.ssl4j.continual.curl.MixtureReplay;
import org.ssl4j.continual.stream.ClassStream;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.recipe.DataConfig;
import org.ssl4j.core.recipe.RecipeValues;

/**
 * A continual-learning recipe, what {@code ssl4j continual train --recipe} reads: the labelled dataset whose classes
 * order the stream ({@code data}, as the pretraining recipes' section), the stream ({@code stream}), the model
 * ({@code model}: CURL, or the VAE + k-means baseline), CURL's dynamic expansion ({@code expansion}) and mixture
 * generative replay ({@code replay}), and the evaluation ({@code eval}). Defaults are the official code's
 * ({@code train_main.py}, {@code training.py}) except the stream's length (see {@link Stream}); the ablations are
 * recipe switches ({@code expansion.enabled}, {@code replay.enabled}).
 *
 * @param name the run's name
 * @param seed the run's seed (model initialisation, stream and every draw)
 * @param data the dataset
 * @param stream the stream
 * @param model the model
 * @param expansion dynamic expansion
 * @param replay generative replay
 * @param eval the evaluation
 */
public record ContinualRecipe(String name, Long seed, DataConfig data, Stream stream, Model model,
        Expansion expansion, Replay replay, Eval eval) {
    /** Fills defaults and validates. */
    public ContinualRecipe {
        seed = seed == null ? 0 : seed;
        data = data == null ? DataConfig.defaults() : data;
        stream = stream == null ? new Stream(null, null, null) : stream;
        model = model == null ? new Model(null, null, null, null, null, null, null) : model;
        expansion = expansion == null ? new Expansion(null, null, null, null, null, null) : expansion;
        replay = replay == null ? new Replay(null, null, null, null, null) : replay;
        eval = eval == null ? new Eval(null, null) : eval;
        if (model.vaeKMeans()) {
            Ssl4jException.check(!expansion.enabled() && !replay.enabled(), "model.kind: vae-kmeans is the plain "
                    + "VAE baseline: set expansion.enabled: false and replay.enabled: false");
        }
        name = name == null || name.isBlank() ? "curl-" + stream.order().toLowerCase(Locale.ROOT) : name;
        expansionSettings(expansion); // their own checks, before any run starts
        replaySettings(replay, stream);
    }

    /** The mixture model's sizes for inputs of {@code inputSize} values. */
    public CurlModel.Sizes sizes(int inputSize) {
        return new CurlModel.Sizes(inputSize, model.encoder(), model.vaeKMeans() ? 1 : model.maxComponents(),
                model.latentSize(), model.decoder());
    }

    /** The expansion's settings. */
    public DynamicExpansion.Settings expansionSettings() {
        return expansionSettings(expansion);
    }

    private static DynamicExpansion.Settings expansionSettings(Expansion expansion) {
        return new DynamicExpansion.Settings(expansion.enabled(), expansion.threshold(), expansion.bufferSize(),
                expansion.waitSteps(), expansion.burnIn(), expansion.trainPasses());
    }

    /** The replay's settings; snapshots every class period unless {@code replay.refreshEvery} says otherwise. */
    public MixtureReplay.Settings replaySettings() {
        return replaySettings(replay, stream);
    }

    private static MixtureReplay.Settings replaySettings(Replay replay, Stream stream) {
        return new MixtureReplay.Settings(replay.enabled(), replay.every(),
                replay.refreshEvery() == null ? stream.stepsPerClass() : replay.refreshEvery(),
                replay.refreshOnExpansion(), replay.supervised());
    }

    /**
     * The stream.
     *
     * @param order {@code sequential} (classes in ascending order, abrupt changes), {@code smooth} (blended around
     *     the changes) or {@code iid}
     * @param stepsPerClass training steps per class (the official 10,000 are 100,000 steps in all; the default
     *     300 fits the 2-core budget, see docs/methods/curl-continual.md)
     * @param batchSize samples per step (100)
     */
    public record Stream(String order, Long stepsPerClass, Integer batchSize) {
        /** Fills defaults and validates. */
        public Stream {
            order = order == null ? "sequential" : order;
            try {
                ClassStream.Order.valueOf(order.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new Ssl4jException("stream.order: '" + order + "', expected sequential, smooth or iid");
            }
            stepsPerClass = RecipeValues.positive(stepsPerClass, 300, "stream.stepsPerClass");
            batchSize = RecipeValues.positive(batchSize, 100, "stream.batchSize");
        }

        /** The order as the stream's enum. */
        public ClassStream.Order streamOrder() {
            return ClassStream.Order.valueOf(order.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * The model.
     *
     * @param kind {@code curl} (the mixture) or {@code vae-kmeans} (one component, then k-means on its latents)
     * @param encoder the shared encoder's widths ([1200, 600, 300, 150])
     * @param decoder the decoder's hidden widths ([500, 500])
     * @param maxComponents the most components (30)
     * @param initialComponents the components active at the start (1)
     * @param latentSize the dimension of z (32)
     * @param learningRate Adam's step size (1e-3)
     */
    public record Model(String kind, List<Integer> encoder, List<Integer> decoder, Integer maxComponents,
            Integer initialComponents, Integer latentSize, Double learningRate) {
        /** Fills defaults and validates. */
        public Model {
            kind = kind == null ? "curl" : kind;
            Ssl4jException.check(kind.equals("curl") || kind.equals("vae-kmeans"), "model.kind: '%s', expected curl "
                    + "or vae-kmeans", kind);
            encoder = widths(encoder, List.of(1200, 600, 300, 150), "model.encoder");
            decoder = widths(decoder, List.of(500, 500), "model.decoder");
            maxComponents = RecipeValues.positive(maxComponents, 30, "model.maxComponents");
            initialComponents = RecipeValues.positive(initialComponents, 1, "model.initialComponents");
            Ssl4jException.check(initialComponents <= maxComponents, "model.initialComponents: %d exceeds "
                    + "model.maxComponents %d", initialComponents, maxComponents);
            latentSize = RecipeValues.positive(latentSize, 32, "model.latentSize");
            learningRate = RecipeValues.positive(learningRate, 1e-3, "model.learningRate");
        }

        /** Whether this is the VAE + k-means baseline. */
        public boolean vaeKMeans() {
            return kind.equals("vae-kmeans");
        }

        private static List<Integer> widths(List<Integer> widths, List<Integer> fallback, String field) {
            if (widths == null) {
                return fallback;
            }
            for (Integer w : widths) {
                Ssl4jException.check(w != null && w >= 1, "%s: widths must be positive, got %s", field, widths);
            }
            return List.copyOf(widths);
        }
    }

    /**
     * Dynamic expansion ({@link DynamicExpansion.Settings}; the official values as defaults).
     *
     * @param enabled whether the model expands (true)
     * @param threshold the poorly-explained ELBO, nats (-200)
     * @param bufferSize poorly explained samples per expansion (100)
     * @param waitSteps steps between expansions (100)
     * @param burnIn steps before the first (100)
     * @param trainPasses passes over the buffer training the new component (10)
     */
    public record Expansion(Boolean enabled, Double threshold, Integer bufferSize, Integer waitSteps, Integer burnIn,
            Integer trainPasses) {
        /** Fills defaults and validates. */
        public Expansion {
            DynamicExpansion.Settings official = DynamicExpansion.Settings.defaults();
            enabled = enabled == null || enabled;
            threshold = threshold == null ? official.threshold() : threshold;
            bufferSize = RecipeValues.positive(bufferSize, official.bufferSize(), "expansion.bufferSize");
            waitSteps = waitSteps == null ? official.waitSteps() : waitSteps;
            burnIn = burnIn == null ? official.burnIn() : burnIn;
            trainPasses = trainPasses == null ? official.trainPasses() : trainPasses;
        }
    }

    /**
     * Mixture generative replay ({@link MixtureReplay.Settings}; the official {@code fixed} replay as default).
     *
     * @param enabled whether the model replays (true)
     * @param every one batch in {@code every} is generated (2)
     * @param refreshEvery steps between snapshots (default: {@code stream.stepsPerClass})
     * @param refreshOnExpansion whether an expansion also takes a snapshot (false)
     * @param supervised whether replayed samples are trained with their generating component given (SMGR; false)
     */
    public record Replay(Boolean enabled, Integer every, Long refreshEvery, Boolean refreshOnExpansion,
            Boolean supervised) {
        /** Fills defaults and validates. */
        public Replay {
            enabled = enabled == null || enabled;
            every = every == null ? 2 : every;
            refreshOnExpansion = refreshOnExpansion != null && refreshOnExpansion;
            supervised = supervised != null && supervised;
        }
    }

    /**
     * The evaluation.
     *
     * @param knn neighbours of the kNN classifier on latent means (5)
     * @param logEvery steps between progress lines (100)
     */
    public record Eval(Integer knn, Integer logEvery) {
        /** Fills defaults and validates. */
        public Eval {
            knn = RecipeValues.positive(knn, 5, "eval.knn");
            logEvery = RecipeValues.positive(logEvery, 100, "eval.logEvery");
        }
    }
}
