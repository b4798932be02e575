package org.ssl4j.core.data;

/**
 * Where the training loop takes its batches from: the augmenting {@link BatchLoader} in a run, or pre-built batches
 * when a benchmark separates the step's cost from the data pipeline's.
 */
@FunctionalInterface
public interface BatchSource {
    /** The batch of the next step, waiting for it if needed. */
    HostBatch next();
}
