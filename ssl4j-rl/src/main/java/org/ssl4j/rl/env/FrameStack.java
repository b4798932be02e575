package org.ssl4j.rl.env;

import org.ssl4j.core.Ssl4jException;

/**
 * The agent's pixel observations of an environment: each observation is the last {@code frames} renderings at
 * {@code size x size}, oldest first, as {@code (3 * frames, size, size)} bytes (CURL and SAC-AE stack 3 frames of 100
 * x 100, later cropped to 84 x 84, so that velocities can be seen). After a reset the first rendering fills every
 * slot.
 */
public final class FrameStack {
    private final PixelEnv env;
    private final int frames;
    private final int size;
    private final byte[] stack;

    /**
     * The pixels, true state, reward and end flag of one step.
     *
     * @param pixels {@code (3 * frames, size, size)} bytes, a copy the caller may keep
     * @param state the true-state observation
     * @param reward the step's reward
     * @param last whether the episode has ended
     */
    public record Observation(byte[] pixels, float[] state, double reward, boolean last) {}

    /**
     * @param env the environment (with its action repeat, if any)
     * @param frames renderings per observation, >= 1
     * @param size their side in pixels, >= 8
     */
    public FrameStack(PixelEnv env, int frames, int size) {
        Ssl4jException.check(frames >= 1, "frame stack must be >= 1, got %d", frames);
        Ssl4jException.check(size >= 8, "rendering size must be >= 8, got %d", size);
        this.env = env;
        this.frames = frames;
        this.size = size;
        this.stack = new byte[frames * frameLength()];
    }

    /** The environment observed. */
    public PixelEnv env() {
        return env;
    }

    /** The shape of an observation, {@code (3 * frames, size, size)}. */
    public int[] shape() {
        return new int[] {3 * frames, size, size};
    }

    private int frameLength() {
        return 3 * size * size;
    }

    /** Starts an episode: every slot holds the first rendering. */
    public Observation reset() {
        TimeStep step = env.reset();
        env.render(size, size, stack, 0);
        for (int f = 1; f < frames; f++) {
            System.arraycopy(stack, 0, stack, f * frameLength(), frameLength());
        }
        return new Observation(stack.clone(), step.state(), 0, step.last());
    }

    /** Steps the environment and pushes its rendering, dropping the oldest. */
    public Observation step(float[] action) {
        TimeStep step = env.step(action);
        System.arraycopy(stack, frameLength(), stack, 0, (frames - 1) * frameLength());
        env.render(size, size, stack, (frames - 1) * frameLength());
        return new Observation(stack.clone(), step.state(), step.reward(), step.last());
    }
}
