package org.ssl4j.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;

class NegativeQueueTest extends EngineTest {
    private NDArray rows(NDManager scope, float first, int n) {
        return scope.arange(first, first + n).reshape(n, 1).repeat(1, 2); // (n, 2): row i is (first + i) twice
    }

    @Test
    void startsWithUnitVectorsAndReplacesOldestKeysWrappingAround() {
        NegativeQueue queue = new NegativeQueue(manager, 5, 2);
        float[] norms = queue.keys().square().sum(new int[] {0}).toFloatArray();
        for (float n : norms) {
            assertThat(n).isCloseTo(1f, within(1e-5f));
        }
        int arrays = manager.getManagedArrays().size();
        try (NDManager scope = manager.newSubManager()) {
            queue.enqueue(rows(scope, 10, 3)); // slots 0-2
            assertThat(queue.pointer()).isEqualTo(3);
            queue.enqueue(rows(scope, 20, 3)); // slots 3, 4, then 0
            assertThat(queue.pointer()).isEqualTo(1);
        }
        assertThat(manager.getManagedArrays()).hasSize(arrays); // enqueueing leaves nothing on the queue's manager
        float[] col = queue.keys().get("0, :").toFloatArray();
        assertThat(col).containsExactly(22, 11, 12, 20, 21);
    }

    @Test
    void rejectsKeysThatDoNotFit() {
        NegativeQueue queue = new NegativeQueue(manager, 4, 2);
        assertThatThrownBy(() -> queue.enqueue(manager.zeros(new Shape(5, 2)))).hasMessageContaining("cannot enqueue");
        assertThatThrownBy(() -> queue.enqueue(manager.zeros(new Shape(2, 3)))).hasMessageContaining("cannot enqueue");
        assertThatThrownBy(() -> queue.setPointer(4)).hasMessageContaining("[0, 4)");
    }
}
