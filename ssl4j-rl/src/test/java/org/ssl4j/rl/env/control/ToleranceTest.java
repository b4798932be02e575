package org.ssl4j.rl.env.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;

/** DeepMind Control's tolerance at hand-computed points. */
class ToleranceTest {
    @Test
    void insideIsOneAndTheMarginGivesTheValueAtMargin() {
        assertThat(Tolerance.of(0.3, 0, 0.5, 1)).isEqualTo(1);
        for (Tolerance.Sigmoid sigmoid : Tolerance.Sigmoid.values()) {
            assertThat(Tolerance.of(1.5, 0, 0.5, 1, sigmoid, 0.1)).as(sigmoid.toString()).isCloseTo(0.1, within(1e-12));
            assertThat(Tolerance.of(-2, 0, 0.5, 2, sigmoid, 0.1)).as(sigmoid.toString()).isCloseTo(0.1, within(1e-12));
        }
        assertThat(Tolerance.of(0.7, 0, 0.5, 0)).isZero(); // no margin: the indicator
        // Gaussian at half the margin: exp(-0.5 * 0.25 * (-2 ln 0.1)) = 0.1^(1/4).
        assertThat(Tolerance.of(0.5, 0, 0, 1)).isCloseTo(Math.pow(0.1, 0.25), within(1e-12));
        // Quadratic with value 0 at the margin, as cartpole's small_control: 1 - x^2, 0 beyond.
        assertThat(Tolerance.of(0.5, 0, 0, 1, Tolerance.Sigmoid.QUADRATIC, 0)).isCloseTo(0.75, within(1e-12));
        assertThat(Tolerance.of(1.5, 0, 0, 1, Tolerance.Sigmoid.QUADRATIC, 0)).isZero();
        // Long tail at twice the margin: 1 / (4 * 9 + 1).
        assertThat(Tolerance.of(2, 0, 0, 1, Tolerance.Sigmoid.LONG_TAIL, 0.1)).isCloseTo(1.0 / 37, within(1e-12));
    }

    @Test
    void badArgumentsAreErrors() {
        assertThatThrownBy(() -> Tolerance.of(0, 1, 0, 1)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("lower bound 1.0 exceeds upper bound 0.0");
        assertThatThrownBy(() -> Tolerance.of(2, 0, 0, 1, Tolerance.Sigmoid.GAUSSIAN, 0))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("value at the margin must be in (0, 1)");
    }
}
