package org.ssl4j.core.train;

import ai.djl.engine.Engine;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Map;

/**
 * Engine set-up shared by the CLI, the Java API and tests: offline mode, reproducible math, the native allocator
 * tuned (huge pages for large tensors, few arenas), and one seed for the engine's generator.
 */
public final class Engines {
    /**
     * The environment libtorch reads when it loads, each set unless the user set it. Reproducible math in MKL and
     * OpenMP: MKL's conditional numerical reproducibility (one code path and reduction order in every process), and
     * no run-time shrinking of thread teams by MKL or OpenMP under load, which changes how sums are split. Speed:
     * PyTorch's CPU allocator (2.2 and later) puts tensors of 2 MB and more on transparent huge pages, which cut the
     * page faults of a ResNet-18 step enough to take it from 15.3 to 13.1 s (docs/BENCHMARKS.md, "Engine settings").
     */
    static final Map<String, String> ENVIRONMENT = Map.of("MKL_CBWR", "AUTO,STRICT", "MKL_DYNAMIC", "FALSE",
            "OMP_DYNAMIC", "FALSE", "THP_MEM_ALLOC_ENABLE", "1");

    static {
        setEngineEnvironment();
    }

    private Engines() {}

    /** The C library's {@code setenv} and {@code mallopt}, through JNA (on the classpath as a DJL dependency). */
    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        int mallopt(int param, int value);
    }

    /** glibc's {@code mallopt} parameter for the most memory arenas ({@code MALLOC_ARENA_MAX}). */
    private static final int M_ARENA_MAX = -8;

    /**
     * The most arenas glibc's allocator may keep, unless the user set {@code MALLOC_ARENA_MAX}. With the default
     * (eight per core) each thread that allocates engine memory (trainer, loader workers, OpenMP) grew its own arena
     * for hundreds of steps: a MoCo run's resident memory rose by 6.9 to 9.5 % from step 100 to step 2,000; with two
     * arenas it rose by 1.7 to 2.5 %, at the same step time (docs/BENCHMARKS.md, "Engine settings").
     */
    static final int ARENAS = 2;

    /**
     * Prepares and returns the PyTorch engine: forces DJL offline (the libtorch natives come from the classpath;
     * nothing is downloaded) unless {@code ai.djl.offline} is set. Loading this class has already set the
     * engine's environment, before the engine loads, so every entry point calls this first.
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
     * Sets {@link #ENVIRONMENT} in the process environment, each variable unless the user set it, and limits the
     * allocator to {@link #ARENAS} arenas; once, when this class loads. Without the reproducibility settings
     * libtorch's MKL and OpenMP gave different results from process to process and, under load, between repetitions
     * in one process.
     */
    private static void setEngineEnvironment() {
        LibC libc = Native.load("c", LibC.class);
        if (System.getenv("MALLOC_ARENA_MAX") == null) {
            libc.mallopt(M_ARENA_MAX, ARENAS);
        }
        for (Map.Entry<String, String> variable : ENVIRONMENT.entrySet()) {
            if (System.getenv(variable.getKey()) == null) { // the JVM's start-up environment: what the user set
                libc.setenv(variable.getKey(), variable.getValue(), 0);
            }
        }
    }

    /** Seeds the engine's generator, which parameter initialisation draws from. */
    public static void seed(long seed) {
        pytorch().setRandomSeed((int) seed);
    }
}
