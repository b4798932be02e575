package org.ssl4j.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;
import org.ssl4j.core.tensor.Tensors;
import org.ssl4j.core.train.Engines;

class OnlineLinearProbeTest extends EngineTest {
    /** A batch of 3-class features: class c has mean 2 at coordinate c, unit noise elsewhere. */
    private NDArray batch(NDManager scope, int[] labels, Random r) {
        float[] x = new float[labels.length * 6];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = r.nextInt(3);
            for (int j = 0; j < 6; j++) {
                x[i * 6 + j] = (float) (r.nextGaussian() * 0.5 + (j == labels[i] ? 2 : 0));
            }
        }
        return Tensors.fromHeap(scope, x, new Shape(labels.length, 6));
    }

    @Test
    void learnsSeparableFeaturesAndResumesExactly() {
        Engines.seed(0);
        OnlineLinearProbe probe = new OnlineLinearProbe(6, 3, 0.05f, manager);
        Random r = new Random(1);
        int[] labels = new int[32];
        for (int step = 0; step < 60; step++) {
            try (NDManager scope = manager.newSubManager()) {
                probe.step(batch(scope, labels, r), labels, scope);
            }
            if (step == 29) {
                assertThat(probe.accuracy()).isBetween(0.5, 1.0);
                probe.resetAccuracy();
            }
        }
        assertThat(probe.accuracy()).as("accuracy over steps 31-60").isGreaterThan(0.95);

        // a copy restored from the state continues identically
        Engines.seed(5);
        OnlineLinearProbe copy = new OnlineLinearProbe(6, 3, 0.05f, manager);
        probe.weights().forEach((name, array) -> Tensors.copyInto(copy.weights().get(name), array));
        Map<String, NDArray> optimizerState = new LinkedHashMap<>();
        probe.optimizer().state().forEach((name, array) -> optimizerState.put(name, array.duplicate()));
        copy.optimizer().restoreState(optimizerState, probe.optimizer().stepCount());
        copy.restoreCounters(probe.stateCounters());
        assertThat(copy.accuracy()).isEqualTo(probe.accuracy());
        Random r1 = new Random(9);
        Random r2 = new Random(9);
        for (int step = 0; step < 3; step++) {
            try (NDManager scope = manager.newSubManager()) {
                probe.step(batch(scope, labels, r1), labels, scope);
                copy.step(batch(scope, labels, r2), labels, scope);
            }
        }
        assertThat(copy.accuracy()).isEqualTo(probe.accuracy());
        assertThat(copy.weights().get("weight").toFloatArray())
                .containsExactly(probe.weights().get("weight").toFloatArray());
    }
}
