package org.ssl4j.core.train;

import ai.djl.engine.Engine;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Map;

/**
 * Engine set-up shared by the CLI, the Java API and tests: offline mode, reproducible math, and one seed for the
 * engine's generator.
 */
public final class Engines {
    /**
     * Environment for reproducible math in libtorch's MKL and OpenMP: MKL's conditional numerical reproducibility
     * (one code path and reduction order in every process), and no run-time shrinking of thread teams by MKL or
     * OpenMP under load, which changes how sums are split.
     */
    static final Map<String, String> REPRODUCIBLE =
            Map.of("MKL_CBWR", "AUTO,STRICT", "MKL_DYNAMIC", "FALSE", "OMP_DYNAMIC", "FALSE");

    static {
        setReproducibleEnvironment();
    }

    private Engines() {}

    /** The C library's {@code setenv}, through JNA (already on the classpath as a DJL dependency). */
    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /**
     * Prepares and returns the PyTorch engine: forces DJL offline (the libtorch natives come from the classpath;
     * nothing is downloaded) unless {@code ai.djl.offline} is set. Loading this class has already set the
     * reproducible environment, before the engine loads, so every entry point calls this first.
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

    /**
     * Sets {@code MKL_CBWR=AUTO,STRICT}, {@code MKL_DYNAMIC=FALSE} and {@code OMP_DYNAMIC=FALSE} in the process
     * environment unless the user set them; once, when this class loads. Without them libtorch's MKL and OpenMP gave
     * different results from process to process and, under load, between repetitions in one process.
     */
    private static void setReproducibleEnvironment() {
        LibC libc = null;
        for (Map.Entry<String, String> variable : REPRODUCIBLE.entrySet()) {
            if (System.getenv(variable.getKey()) == null) { // the JVM's start-up environment: what the user set
                libc = libc == null ? Native.load("c", LibC.class) : libc;
                libc.setenv(variable.getKey(), variable.getValue(), 0);
            }
        }
    }

    /** Seeds the engine's generator, which parameter initialisation draws from. */
    public static void seed(long seed) {
        pytorch().setRandomSeed((int) seed);
    }
}
