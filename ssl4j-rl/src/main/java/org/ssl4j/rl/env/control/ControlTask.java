package org.ssl4j.rl.env.control;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.rl.env.PixelEnv;
import org.ssl4j.rl.env.TimeStep;

/**
 * The episode bookkeeping every pixel control task shares, as DeepMind Control's {@code control.Environment}:
 * actions checked and clipped to [-1, 1], a fixed number of control steps per episode (1,000 in the suite), the
 * reward computed after the physics has moved, and the episodes' initial states drawn from the generator
 * {@link #seed} sets (seed 0 until then).
 */
public abstract class ControlTask implements PixelEnv {
    private final String name;
    private final int actionSize;
    private final int stateSize;
    private final int episodeSteps;
    private SplittableRandom random = new SplittableRandom(0);
    private int step;
    private boolean started;

    /**
     * @param name the task's name
     * @param actionSize the size of an action
     * @param stateSize the size of the true-state observation
     * @param episodeSteps control steps per episode
     */
    protected ControlTask(String name, int actionSize, int stateSize, int episodeSteps) {
        this.name = name;
        this.actionSize = actionSize;
        this.stateSize = stateSize;
        this.episodeSteps = episodeSteps;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int actionSize() {
        return actionSize;
    }

    @Override
    public final int stateSize() {
        return stateSize;
    }

    @Override
    public final void seed(long seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    public final TimeStep reset() {
        step = 0;
        started = true;
        initializeEpisode(random);
        return new TimeStep(state(), 0, false);
    }

    @Override
    public final TimeStep step(float[] action) {
        Ssl4jException.check(started, "%s: reset() must start an episode before step()", name);
        Ssl4jException.check(action.length == actionSize, "%s takes actions of %d values, got %d: %s", name,
                actionSize, action.length, Arrays.toString(action));
        Ssl4jException.check(step < episodeSteps, "%s: the episode has ended; reset() starts the next", name);
        double[] control = new double[actionSize];
        for (int i = 0; i < actionSize; i++) {
            Ssl4jException.check(!Float.isNaN(action[i]), "%s: action %d is NaN", name, i);
            control[i] = Math.max(-1, Math.min(1, action[i]));
        }
        advance(control);
        step++;
        return new TimeStep(state(), reward(control), step >= episodeSteps);
    }

    /** Control steps per episode. */
    public final int episodeSteps() {
        return episodeSteps;
    }

    /** Sets the state at the start of an episode, drawing from {@code random}. */
    protected abstract void initializeEpisode(SplittableRandom random);

    /** Advances the physics by one control step under {@code control} (each value in [-1, 1]). */
    protected abstract void advance(double[] control);

    /** The reward of the state reached under {@code control}, in [0, 1]. */
    protected abstract double reward(double[] control);

    /** The true-state observation. */
    protected abstract float[] state();
}
