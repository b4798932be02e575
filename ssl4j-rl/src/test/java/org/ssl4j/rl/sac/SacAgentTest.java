package org.ssl4j.rl.sac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.train.Engines;

/** SAC's temperature objective in float64 against its hand-computed value and gradient. */
class SacAgentTest {
    /**
     * With {@code alpha = 0.1}, one action dimension (target entropy -1) and log-probabilities -5 and -3 (entropy
     * estimates 5 and 3, above the target): loss {@code mean(0.1 (5 + 1), 0.1 (3 + 1)) = 0.5}; its gradient in
     * {@code log alpha} is the loss itself, positive, so gradient descent lowers the temperature.
     */
    @Test
    void theTemperatureFallsWhileTheEntropyIsAboveMinusTheActionSize() {
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            NDArray logAlpha = manager.create(new double[] {Math.log(0.1)});
            logAlpha.setRequiresGradient(true);
            NDArray logProb = manager.create(new double[][] {{-5}, {-3}});
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = SacAgent.temperatureLoss(logAlpha.exp(), logProb, 1);
                assertThat(loss.getDataType()).isEqualTo(DataType.FLOAT64);
                assertThat(loss.getDouble()).isCloseTo(0.5, within(1e-12));
                collector.backward(loss);
            }
            assertThat(logAlpha.getGradient().getDouble(0)).isCloseTo(0.5, within(1e-12));
        }
    }
}
