package org.ssl4j.core.train;

/**
 * What one training step reports to listeners.
 *
 * @param step zero-based step just finished
 * @param totalSteps steps in the run
 * @param epoch zero-based epoch of the step
 * @param loss the step's loss
 * @param learningRate the learning rate used
 * @param gradNorm global L2 norm of the gradient before clipping
 * @param imagesPerSecond samples per second over the recent window
 * @param secondsElapsed wall time since the run (or resume) started
 * @param residentBytes resident set size of the process after the step
 * @param firstStep the step this run (or resume) started at, for rates and ETAs
 * @param probeAccuracy the online linear probe's accuracy over the epoch, on the last step of an epoch; else NaN
 */
public record StepInfo(long step, long totalSteps, long epoch, float loss, float learningRate, float gradNorm,
        double imagesPerSecond, double secondsElapsed, long residentBytes, long firstStep, double probeAccuracy) {}
