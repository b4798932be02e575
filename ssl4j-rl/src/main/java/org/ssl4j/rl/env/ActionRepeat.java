package org.ssl4j.rl.env;

import org.ssl4j.core.Ssl4jException;

/**
 * Repeats each action for {@code repeat} control steps of the wrapped environment and sums their rewards (the
 * agent acts every {@code repeat} steps: CURL's action repeat, 8 for cartpole, 2 for finger, 4 for the others). An
 * episode that ends in the middle of a repeat ends the repeat.
 */
public final class ActionRepeat implements PixelEnv {
    private final PixelEnv env;
    private final int repeat;

    /**
     * @param env the environment
     * @param repeat control steps per action, >= 1
     */
    public ActionRepeat(PixelEnv env, int repeat) {
        Ssl4jException.check(repeat >= 1, "action repeat must be >= 1, got %d", repeat);
        this.env = env;
        this.repeat = repeat;
    }

    /** Control steps per action. */
    public int repeat() {
        return repeat;
    }

    @Override
    public String name() {
        return env.name();
    }

    @Override
    public int actionSize() {
        return env.actionSize();
    }

    @Override
    public int stateSize() {
        return env.stateSize();
    }

    @Override
    public void seed(long seed) {
        env.seed(seed);
    }

    @Override
    public TimeStep reset() {
        return env.reset();
    }

    @Override
    public TimeStep step(float[] action) {
        double reward = 0;
        TimeStep step = null;
        for (int i = 0; i < repeat && (step == null || !step.last()); i++) {
            step = env.step(action);
            reward += step.reward();
        }
        return new TimeStep(step.state(), reward, step.last());
    }

    @Override
    public void render(int width, int height, byte[] rgb, int offset) {
        env.render(width, height, rgb, offset);
    }
}
