package org.ssl4j.core.momentum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;

class EmaUpdaterTest extends EngineTest {
    private Block linear() {
        Block block = Linear.builder().setUnits(3).build();
        block.initialize(manager, DataType.FLOAT32, new Shape(2, 4));
        return block;
    }

    @Test
    void copiesExactlyThenFollowsWithMomentum() {
        Block online = linear();
        Block target = linear();
        EmaUpdater ema = new EmaUpdater(online, target);
        assertThat(target.getParameters().get(0).getValue().requiresGradient()).isFalse();
        ema.copy();
        float[] q = online.getParameters().get(0).getValue().getArray().toFloatArray();
        assertThat(target.getParameters().get(0).getValue().getArray().toFloatArray()).containsExactly(q);

        online.getParameters().get(0).getValue().getArray().addi(1f); // theta_q moves by +1
        ema.update(0.9f); // theta_k = 0.9 theta_k + 0.1 (theta_k + 1) = theta_k + 0.1
        float[] k = target.getParameters().get(0).getValue().getArray().toFloatArray();
        for (int i = 0; i < q.length; i++) {
            assertThat(k[i]).isCloseTo(q[i] + 0.1f, within(1e-6f));
        }
        int arrays = manager.getManagedArrays().size();
        ema.update(0.99f);
        assertThat(manager.getManagedArrays()).hasSize(arrays);
    }

    @Test
    void cosineScheduleRisesFromBaseToOne() {
        assertThat(EmaUpdater.momentumAt(0.99f, false, 50, 100)).isEqualTo(0.99f);
        assertThat(EmaUpdater.momentumAt(0.99f, true, 0, 100)).isCloseTo(0.99f, within(1e-7f));
        assertThat(EmaUpdater.momentumAt(0.99f, true, 50, 100)).isCloseTo(0.995f, within(1e-7f));
        assertThat(EmaUpdater.momentumAt(0.99f, true, 100, 100)).isEqualTo(1f);
    }
}
