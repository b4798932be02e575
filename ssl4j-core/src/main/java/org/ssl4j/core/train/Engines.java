package org.ssl4j.core.train;

import ai.djl.engine.Engine;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Engine set-up shared by the CLI, the Java API and tests: offline mode, reproducible math, and one seed for the
 * engine's generator.
 */
public final class Engines {
    /** MKL's conditional numerical reproducibility: the same code path and reduction order in every process. */
    static final String MKL_CBWR = "AUTO,STRICT";

    private Engines() {}

    /** The C library's {@code setenv}, through JNA (already on the classpath as a DJL dependency). */
    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /**
     * Prepares and returns the PyTorch engine: forces DJL offline (the libtorch natives come from the classpath;
     * nothing is downloaded) unless {@code ai.djl.offline} is set, and sets {@code MKL_CBWR=AUTO,STRICT} in the
     * process environment unless the user set it. Without the latter, libtorch's MKL kernels picked a different
     * code path in about one process in three (alignment-dependent), so the same seed gave different losses from
     * the third step on; with it, repeated runs are identical. It must happen before the engine loads, so every
     * entry point calls this first.
     */
    public static Engine pytorch() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (System.getenv("MKL_CBWR") == null) {
            Native.load("c", LibC.class).setenv("MKL_CBWR", MKL_CBWR, 0);
        }
        return Engine.getEngine("PyTorch");
    }

    /** Seeds the engine's generator, which parameter initialisation draws from. */
    public static void seed(long seed) {
        pytorch().setRandomSeed((int) seed);
    }
}
