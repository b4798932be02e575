package org.ssl4j.rl.env;

/**
 * An environment an agent controls from pixels or from its true state: the interface of ssl4j's pixel control tasks
 * and the one to implement to train on one's own simulator. Actions are vectors in {@code [-1, 1]^n} (DeepMind
 * Control's normalised action spec; values outside are clipped); an episode ends at a time limit, and
 * {@link #render} draws the current state as an RGB image of any size, which {@link FrameStack} turns into the
 * agent's stacked pixel observations. Everything random (the initial states) comes from the generator
 * {@link #seed} sets, so one seed makes a run repeatable.
 */
public interface PixelEnv {
    /** The task's name, e.g. {@code cartpole-swingup}. */
    String name();

    /** The size of an action vector. */
    int actionSize();

    /** The size of the true-state observation {@link TimeStep#state()} (the input of SAC from state). */
    int stateSize();

    /** Reseeds the generator of the episodes' initial states. */
    void seed(long seed);

    /** Starts an episode. */
    TimeStep reset();

    /**
     * Applies {@code action} for one control step.
     *
     * @param action {@link #actionSize()} values, clipped to [-1, 1]
     * @return the state after the step, the step's reward and whether the episode has ended
     */
    TimeStep step(float[] action);

    /**
     * Draws the current state.
     *
     * @param width the image's width in pixels
     * @param height its height
     * @param rgb where the image goes, as three planes {@code (3, height, width)} of values 0..255
     * @param offset where in {@code rgb} the image starts
     */
    void render(int width, int height, byte[] rgb, int offset);
}
