package org.ssl4j.core.train;

import ai.djl.engine.Engine;

/** Engine set-up shared by the CLI and tests: offline mode and one seed for the engine's generator. */
public final class Engines {
    private Engines() {}

    /**
     * Forces DJL offline (the libtorch natives come from the classpath; nothing is downloaded) unless the user set
     * {@code ai.djl.offline} explicitly, and returns the PyTorch engine.
     */
    public static Engine pytorch() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        return Engine.getEngine("PyTorch");
    }

    /** Seeds the engine's generator, which parameter initialisation draws from. */
    public static void seed(long seed) {
        pytorch().setRandomSeed((int) seed);
    }
}
