package org.ssl4j.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.ssl4j.core.eval.OnlineLinearProbe;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.optim.StatefulOptimizer;

/** Writes a checkpoint of the method, optimiser and online probe every {@code every} steps and after the last step. */
public final class CheckpointListener implements TrainingListener {
    private final Checkpoints checkpoints;
    private final Method method;
    private final StatefulOptimizer optimizer;
    private final long every;
    private final OnlineLinearProbe probe;

    /**
     * @param checkpoints where to write
     * @param method the method being trained
     * @param optimizer its optimiser
     * @param probe the online probe, or {@code null}
     * @param every steps between checkpoints, at least 1
     */
    public CheckpointListener(Checkpoints checkpoints, Method method, StatefulOptimizer optimizer,
            OnlineLinearProbe probe, long every) {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoint interval must be >= 1: " + every);
        }
        this.checkpoints = checkpoints;
        this.method = method;
        this.optimizer = optimizer;
        this.every = every;
        this.probe = probe;
    }

    @Override
    public void onStep(StepInfo info) {
        long done = info.step() + 1;
        if (done % every != 0 && done != info.totalSteps()) {
            return;
        }
        try {
            checkpoints.save(done, TrainingState.arrays(method, optimizer, probe),
                    TrainingState.counters(method, optimizer, probe));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint after step " + done, e);
        }
    }
}
