package org.ssl4j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.BatchSource;
import org.ssl4j.core.data.HostBatch;
import org.ssl4j.core.eval.OnlineLinearProbe;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.optim.StatefulOptimizer;

/**
 * The pretraining loop: batch from the loader, {@code method.loss} inside the gradient collector, backward,
 * optimiser step at the scheduled learning rate, {@code method.afterStep}, the online probe when there is one,
 * listeners. Each step runs in its own {@link NDManager} scope that is closed at the end of the step, so resident
 * memory stays flat.
 */
public final class Pretrainer {
    private final Method method;
    private final StatefulOptimizer optimizer;
    private final Tracker schedule;
    private final int stepsPerEpoch;
    private final List<TrainingListener> listeners;
    private final OnlineLinearProbe probe;

    /**
     * @param method the method being trained (already initialised)
     * @param optimizer the optimiser over {@code method.parameters()}
     * @param schedule learning rate by step
     * @param stepsPerEpoch steps in one epoch (for reporting)
     * @param probe the online linear probe, or {@code null}; it learns from batches that carry labels
     * @param listeners observers, called in order after each step
     */
    public Pretrainer(Method method, StatefulOptimizer optimizer, Tracker schedule, int stepsPerEpoch,
            OnlineLinearProbe probe, List<TrainingListener> listeners) {
        this.method = method;
        this.probe = probe;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.stepsPerEpoch = stepsPerEpoch;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Runs steps {@code firstStep .. totalSteps - 1}.
     *
     * @param manager the long-lived manager the model lives on; steps open sub-scopes of it
     * @param loader the batches, starting at {@code firstStep}
     * @return the report of the last step
     */
    public StepInfo run(NDManager manager, BatchSource loader, long firstStep, long totalSteps) {
        long start = System.nanoTime();
        long windowStart = start;
        long windowImages = 0;
        double rate = 0;
        StepInfo info = null;
        for (long step = firstStep; step < totalSteps; step++) {
            HostBatch host = loader.next();
            if (host.step() != step) {
                throw new IllegalStateException("loader out of order: got step " + host.step() + ", expected " + step);
            }
            float lr = schedule.getNewValue((int) step);
            float loss;
            float gradNorm;
            try (NDManager scope = manager.newSubManager()) {
                Batch batch = host.toBatch(scope);
                method.beforeStep(scope, step);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray value = method.loss(batch, scope);
                    collector.backward(value);
                    loss = value.getFloat();
                }
                if (!Float.isFinite(loss)) {
                    throw new Ssl4jException("loss is " + loss + " at step " + (step + 1)
                            + ": training diverged; lower optim.lr or set optim.maxGradNorm");
                }
                optimizer.setLearningRate(lr);
                gradNorm = optimizer.step(method.parameters(), scope);
                method.afterStep(scope, step, totalSteps);
                if (probe != null && batch.labels() != null && method.probeFeatures() != null) {
                    probe.step(method.probeFeatures(), batch.labels(), scope);
                }
            }
            double probeAccuracy = Double.NaN;
            if (probe != null && ((step + 1) % stepsPerEpoch == 0 || step + 1 == totalSteps)) {
                probeAccuracy = probe.accuracy();
                probe.resetAccuracy();
            }
            long now = System.nanoTime();
            windowImages += host.size();
            double window = (now - windowStart) / 1e9;
            if (window >= 2.0 || rate == 0) {
                rate = windowImages / Math.max(window, 1e-9);
                windowStart = now;
                windowImages = 0;
            }
            info = new StepInfo(step, totalSteps, step / stepsPerEpoch, loss, lr, gradNorm, rate,
                    (now - start) / 1e9, ProcessMemory.residentBytes(), firstStep, probeAccuracy);
            for (TrainingListener listener : listeners) {
                listener.onStep(info);
            }
        }
        for (TrainingListener listener : listeners) {
            listener.onEnd(info);
        }
        return info;
    }
}
