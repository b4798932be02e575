package org.ssl4j.core;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.ssl4j.core.train.Engines;

/** Base for tests that need NDArrays: a fresh manager per test, engine seeded to 0. */
public abstract class EngineTest {
    protected NDManager manager;

    @BeforeEach
    void openManager() {
        Engines.seed(0);
        manager = Engines.pytorch().newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }
}
