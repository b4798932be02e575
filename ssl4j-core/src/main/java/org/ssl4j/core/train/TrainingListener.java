package org.ssl4j.core.train;

/** Observes a pretraining run: progress bars, metric logs, online probes. */
public interface TrainingListener {
    /** Called after every step. */
    void onStep(StepInfo info);

    /** Called once when the run ends normally. */
    default void onEnd(StepInfo last) {}
}
