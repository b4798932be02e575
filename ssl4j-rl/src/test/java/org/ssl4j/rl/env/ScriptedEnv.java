package org.ssl4j.rl.env;

/**
 * Base of the tests' scripted environments: a name, one action value and one state value, seeding ignored and a
 * blank rendering unless a subclass draws one; subclasses script {@code reset} and {@code step}.
 */
public abstract class ScriptedEnv implements PixelEnv {
    @Override
    public String name() {
        return getClass().getSimpleName();
    }

    @Override
    public int actionSize() {
        return 1;
    }

    @Override
    public int stateSize() {
        return 1;
    }

    @Override
    public void seed(long seed) {}

    @Override
    public void render(int width, int height, byte[] rgb, int offset) {}
}
