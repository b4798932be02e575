package org.ssl4j.core.recipe;

import org.ssl4j.core.Ssl4jException;

/**
 * A whole pretraining run as data: what to learn from, with which method, backbone, augmentations, schedule and
 * evaluation settings. Loaded from YAML by {@link RecipeLoader}; every field except {@code method} has a default.
 *
 * @param name a label for the run
 * @param seed the one seed that drives initialisation, data order and augmentation
 * @param data the training data
 * @param backbone the encoder to train
 * @param method the method and its own settings
 * @param augment the view augmentations
 * @param train batch size, length and loader settings
 * @param optim optimiser and learning-rate schedule
 * @param eval evaluation protocol settings
 */
public record Recipe(
        String name,
        Long seed,
        DataConfig data,
        BackboneConfig backbone,
        MethodConfig method,
        AugmentConfig augment,
        TrainConfig train,
        OptimConfig optim,
        EvalConfig eval) {
    /** Fills defaults and validates. */
    public Recipe {
        name = name == null ? "run" : name;
        seed = seed == null ? 0L : seed;
        data = data == null ? DataConfig.defaults() : data;
        backbone = backbone == null ? new BackboneConfig(null, null, null, null) : backbone;
        Ssl4jException.check(method != null, "method: required (for example `method: {name: simclr}`)");
        augment = augment == null
                ? new AugmentConfig(null, null, null, null, null, null, null, null, null, null) : augment;
        train = train == null ? new TrainConfig(null, null, null, null, null, null, null, null, null) : train;
        optim = optim == null ? new OptimConfig(null, null, null, null, null, null, null, null, null, null) : optim;
        eval = eval == null ? new EvalConfig(null, null, null, null) : eval;
    }

    /** This recipe with its data paths made absolute against {@code base}, as it is saved with a run. */
    public Recipe withDataPathsFrom(java.nio.file.Path base) {
        return new Recipe(name, seed, data.resolvedAgainst(base), backbone, method, augment, train, optim, eval);
    }
}
