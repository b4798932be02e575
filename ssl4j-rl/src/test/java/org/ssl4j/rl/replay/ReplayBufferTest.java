package org.ssl4j.rl.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.rl.env.FrameStack;
import org.ssl4j.rl.env.ScriptedEnv;
import org.ssl4j.rl.env.TimeStep;

/** The replay buffer gives back exactly the stacks the agent saw, drops the oldest, and samples uniformly. */
class ReplayBufferTest {
    /** Episodes of {@code length} steps whose renderings hold a running frame number (mod 256) in every byte. */
    private static final class Numbered extends ScriptedEnv {
        private final int length;
        private int step;
        private int frame;

        Numbered(int length) {
            this.length = length;
        }

        @Override
        public TimeStep reset() {
            step = 0;
            frame++;
            return new TimeStep(new float[] {0}, 0, false);
        }

        @Override
        public TimeStep step(float[] action) {
            step++;
            frame++;
            return new TimeStep(new float[] {step}, step, step >= length);
        }

        @Override
        public void render(int width, int height, byte[] rgb, int offset) {
            Arrays.fill(rgb, offset, offset + 3 * width * height, (byte) frame);
        }
    }

    @Test
    void pixelStacksComeBackAsTheAgentSawThemAcrossEpisodesAndTheRing() {
        FrameStack env = new FrameStack(new Numbered(7), 3, 8);
        int frameLength = 3 * 8 * 8;
        ReplayBuffer buffer = ReplayBuffer.ofPixels(20, 3, frameLength, 1);
        Map<Long, byte[][]> seen = new HashMap<>(); // by the order of addition: obs and next obs
        long order = 0;
        for (int episode = 0; episode < 6; episode++) {
            FrameStack.Observation obs = env.reset();
            buffer.startEpisode(obs.pixels());
            boolean last = false;
            while (!last) {
                FrameStack.Observation next = env.step(new float[] {(float) order});
                buffer.add(new float[] {(float) order}, next.reward(), false, next.pixels());
                seen.put(order++, new byte[][] {obs.pixels(), next.pixels()});
                obs = next;
                last = next.last();
            }
        }
        assertThat(buffer.added()).isEqualTo(42);
        assertThat(buffer.size()).isEqualTo(20);
        int[] positions = buffer.sample(2000, new SplittableRandom(1));
        assertThat(Arrays.stream(positions).distinct().count()).isEqualTo(20);
        for (int position : positions) {
            long which = (long) buffer.actions(new int[] {position})[0];
            assertThat(which).as("only the newest 20 remain").isGreaterThanOrEqualTo(22);
            byte[][] expected = seen.get(which);
            assertThat(buffer.observations(new int[] {position})).containsExactly(expected[0]);
            assertThat(buffer.nextObservations(new int[] {position})).containsExactly(expected[1]);
        }
        assertThatThrownBy(() -> buffer.add(new float[] {0}, 0, false, new byte[5])).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("pixel observations must have 576 bytes, got 5");
    }

    /** One-step episodes add two frames per transition: the frame ring then drops transitions early, never lies. */
    @Test
    void veryShortEpisodesNeverReadAnOverwrittenFrame() {
        FrameStack env = new FrameStack(new Numbered(1), 2, 8);
        ReplayBuffer buffer = ReplayBuffer.ofPixels(40, 2, 3 * 64, 1);
        List<byte[][]> seen = new ArrayList<>();
        for (int episode = 0; episode < 100; episode++) {
            FrameStack.Observation obs = env.reset();
            buffer.startEpisode(obs.pixels());
            FrameStack.Observation next = env.step(new float[] {0});
            buffer.add(new float[] {episode}, 1, true, next.pixels());
            seen.add(new byte[][] {obs.pixels(), next.pixels()});
        }
        assertThat(buffer.size()).isBetween(20, 40);
        for (int position : buffer.sample(200, new SplittableRandom(2))) {
            int episode = (int) buffer.actions(new int[] {position})[0];
            assertThat(buffer.observations(new int[] {position})).containsExactly(seen.get(episode)[0]);
            assertThat(buffer.nextObservations(new int[] {position})).containsExactly(seen.get(episode)[1]);
            assertThat(buffer.notDones(new int[] {position})).containsExactly(0f);
        }
    }

    /** The file round trip: the read buffer returns the same transitions, and keeps filling as the written one. */
    @Test
    void aWrittenBufferReadsBackWhole(@TempDir Path dir) throws Exception {
        FrameStack env = new FrameStack(new Numbered(5), 2, 8);
        ReplayBuffer buffer = ReplayBuffer.ofPixels(12, 2, 3 * 64, 1);
        for (int episode = 0; episode < 4; episode++) {
            buffer.startEpisode(env.reset().pixels());
            for (boolean last = false; !last;) {
                FrameStack.Observation next = env.step(new float[] {episode});
                buffer.add(new float[] {episode}, next.reward(), false, next.pixels());
                last = next.last();
            }
        }
        Path file = dir.resolve("replay.bin");
        buffer.write(file);
        ReplayBuffer back = ReplayBuffer.read(file);
        assertThat(back.size()).isEqualTo(buffer.size());
        assertThat(back.added()).isEqualTo(buffer.added());
        int[] picks = buffer.sample(50, new SplittableRandom(4));
        assertThat(back.observations(picks)).containsExactly(buffer.observations(picks));
        assertThat(back.nextObservations(picks)).containsExactly(buffer.nextObservations(picks));
        assertThat(back.actions(picks)).containsExactly(buffer.actions(picks));
        assertThat(back.rewards(picks)).containsExactly(buffer.rewards(picks));
        FrameStack.Observation next = env.step(new float[] {9}); // both continue the episode the same way
        buffer.add(new float[] {9}, 1, false, next.pixels());
        back.add(new float[] {9}, 1, false, next.pixels());
        int[] newest = buffer.sample(200, new SplittableRandom(5));
        assertThat(back.observations(newest)).containsExactly(buffer.observations(newest));

        byte[] whole = Files.readAllBytes(file);
        Files.write(dir.resolve("cut.bin"), Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> ReplayBuffer.read(dir.resolve("cut.bin"))).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("cut.bin is truncated");
        Files.writeString(dir.resolve("other.bin"), "not a buffer at all");
        assertThatThrownBy(() -> ReplayBuffer.read(dir.resolve("other.bin"))).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("is not a replay buffer file");
    }

    @Test
    void stateTransitionsAndUniformSampling() {
        ReplayBuffer buffer = ReplayBuffer.ofStates(100, 2, 1);
        for (int i = 0; i < 150; i++) {
            buffer.add(new float[] {i, -i}, new float[] {i}, i * 0.5, i % 10 == 9, new float[] {i + 1, -i - 1});
        }
        assertThat(buffer.size()).isEqualTo(100);
        int[] counts = new int[100];
        int[] positions = buffer.sample(100_000, new SplittableRandom(3));
        for (int position : positions) {
            int i = (int) buffer.states(new int[] {position})[0];
            assertThat(i).isBetween(50, 149);
            counts[i - 50]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(850, 1150); // 1,000 expected, sd about 31
        }
        int[] one = {positions[0]};
        int i = (int) buffer.states(one)[0];
        assertThat(buffer.nextStates(one)).containsExactly(i + 1, -i - 1);
        assertThat(buffer.rewards(one)).containsExactly(i * 0.5f);
        assertThat(buffer.notDones(one)).containsExactly(i % 10 == 9 ? 0f : 1f);
    }
}
