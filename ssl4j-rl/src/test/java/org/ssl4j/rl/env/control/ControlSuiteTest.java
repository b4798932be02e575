package org.ssl4j.rl.env.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.rl.env.PixelEnv;
import org.ssl4j.rl.env.TimeStep;

/** The suite's names, CURL's action repeats, and every task running a whole episode with rewards in [0, 1]. */
class ControlSuiteTest {
    @Test
    void tasksAreFoundByNameWithCurlsActionRepeats() {
        assertThat(ControlSuite.named("cartpole-swingup").actionRepeat()).isEqualTo(8);
        assertThat(ControlSuite.named("finger-spin").actionRepeat()).isEqualTo(2);
        assertThat(ControlSuite.named("reacher-easy").actionRepeat()).isEqualTo(4);
        assertThat(ControlSuite.named("ball_in_cup-catch").actionRepeat()).isEqualTo(4);
        assertThatThrownBy(() -> ControlSuite.named("cheetah-run")).isInstanceOf(Ssl4jException.class)
                .hasMessage("unknown control task 'cheetah-run'; expected one of cartpole-swingup, reacher-easy, "
                        + "ball_in_cup-catch, finger-spin");
    }

    @Test
    void everyTaskRunsAWholeEpisodeOfBoundedRewards() {
        for (ControlSuite task : ControlSuite.values()) {
            PixelEnv env = task.create();
            assertThat(env.name()).isEqualTo(task.taskName());
            env.seed(7);
            TimeStep step = env.reset();
            assertThat(step.state()).hasSize(env.stateSize());
            float[] action = new float[env.actionSize()];
            int steps = 0;
            while (!step.last()) {
                for (int i = 0; i < action.length; i++) {
                    action[i] = (float) Math.sin(0.05 * steps + i);
                }
                step = env.step(action);
                assertThat(step.reward()).as("%s step %d", task, steps).isBetween(0.0, 1.0);
                for (float value : step.state()) {
                    assertThat(Float.isFinite(value)).as("%s state at step %d", task, steps).isTrue();
                }
                steps++;
            }
            assertThat(steps).isEqualTo(1000);
        }
    }
}
