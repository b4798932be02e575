package org.ssl4j.core.recipe;

import org.ssl4j.core.Ssl4jException;

/**
 * Length and batching of pretraining.
 *
 * @param epochs passes over the training set (default 100)
 * @param steps if set, the exact number of optimiser steps, overriding {@code epochs}
 * @param batchSize pairs per step (default 256); NT-Xent sees {@code 2 * batchSize - 2} negatives per anchor
 * @param workers loader threads that decode and augment (default 1)
 * @param prefetch batches prepared ahead of the step (default 4)
 * @param logEvery steps between lines of {@code metrics.jsonl} (default 10)
 * @param checkpointEvery steps between checkpoints (default 0: once per epoch); one is always written at the end
 * @param keepCheckpoints how many of the newest checkpoints to keep (default 2)
 * @param onlineProbe train a linear probe on detached features during pretraining when the data has labels, and
 *     report its accuracy each epoch (default true)
 */
public record TrainConfig(
        Integer epochs, Integer steps, Integer batchSize, Integer workers, Integer prefetch, Integer logEvery,
        Integer checkpointEvery, Integer keepCheckpoints, Boolean onlineProbe) {
    /** Fills defaults and validates. */
    public TrainConfig {
        epochs = epochs == null ? 100 : epochs;
        Ssl4jException.check(epochs >= 1, "train.epochs must be >= 1: %s", epochs);
        Ssl4jException.check(steps == null || steps >= 1, "train.steps must be >= 1: %s", steps);
        batchSize = batchSize == null ? 256 : batchSize;
        Ssl4jException.check(batchSize >= 2, "train.batchSize must be >= 2: %s", batchSize);
        workers = workers == null ? 1 : workers;
        Ssl4jException.check(workers >= 1, "train.workers must be >= 1: %s", workers);
        prefetch = prefetch == null ? 4 : prefetch;
        Ssl4jException.check(prefetch >= 1, "train.prefetch must be >= 1: %s", prefetch);
        logEvery = logEvery == null ? 10 : logEvery;
        Ssl4jException.check(logEvery >= 1, "train.logEvery must be >= 1: %s", logEvery);
        checkpointEvery = checkpointEvery == null ? 0 : checkpointEvery;
        Ssl4jException.check(checkpointEvery >= 0, "train.checkpointEvery must be >= 0 (0: once per epoch): %s",
                checkpointEvery);
        keepCheckpoints = keepCheckpoints == null ? 2 : keepCheckpoints;
        Ssl4jException.check(keepCheckpoints >= 1, "train.keepCheckpoints must be >= 1: %s", keepCheckpoints);
        onlineProbe = onlineProbe == null || onlineProbe;
    }
}
