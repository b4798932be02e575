package org.ssl4j.rl.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;

/** Action repeat and frame stacking on a counter environment whose renderings show the step count. */
class WrappersTest {
    /** Reward 1 a step, episodes of {@code length} steps, every pixel of a rendering equal to the step count. */
    private static final class Counter extends ScriptedEnv {
        private final int length;
        private int step;
        private int actions;

        Counter(int length) {
            this.length = length;
        }

        @Override
        public TimeStep reset() {
            step = 0;
            return new TimeStep(new float[] {0}, 0, false);
        }

        @Override
        public TimeStep step(float[] action) {
            step++;
            actions++;
            return new TimeStep(new float[] {step}, 1, step >= length);
        }

        @Override
        public void render(int width, int height, byte[] rgb, int offset) {
            Arrays.fill(rgb, offset, offset + 3 * width * height, (byte) step);
        }
    }

    @Test
    void actionRepeatSumsTheRewardsAndStopsAtTheEpisodesEnd() {
        Counter counter = new Counter(10);
        ActionRepeat env = new ActionRepeat(counter, 4);
        env.reset();
        TimeStep step = env.step(new float[] {0});
        assertThat(step.reward()).isEqualTo(4);
        assertThat(step.state()).containsExactly(4f);
        env.step(new float[] {0});
        step = env.step(new float[] {0}); // steps 9 and 10, then the episode ends
        assertThat(step.reward()).isEqualTo(2);
        assertThat(step.last()).isTrue();
        assertThat(counter.actions).isEqualTo(10);
        assertThatThrownBy(() -> new ActionRepeat(counter, 0)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("action repeat must be >= 1");
    }

    @Test
    void aFrameStackHoldsTheLastRenderingsOldestFirst() {
        FrameStack stack = new FrameStack(new ActionRepeat(new Counter(100), 2), 3, 8);
        assertThat(stack.shape()).containsExactly(9, 8, 8);
        FrameStack.Observation first = stack.reset();
        assertThat(first.pixels()).hasSize(9 * 64).containsOnly((byte) 0);
        stack.step(new float[] {0});
        FrameStack.Observation third = stack.step(new float[] {0});
        int frame = 3 * 64;
        assertThat(Arrays.copyOfRange(third.pixels(), 0, frame)).containsOnly((byte) 0);
        assertThat(Arrays.copyOfRange(third.pixels(), frame, 2 * frame)).containsOnly((byte) 2);
        assertThat(Arrays.copyOfRange(third.pixels(), 2 * frame, 3 * frame)).containsOnly((byte) 4);
        assertThat(third.reward()).isEqualTo(2);
        assertThat(first.pixels()).as("observations are copies").containsOnly((byte) 0);
    }
}
