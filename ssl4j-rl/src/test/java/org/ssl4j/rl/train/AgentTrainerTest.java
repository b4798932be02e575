package org.ssl4j.rl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.train.Engines;
import org.ssl4j.rl.env.PixelEnv;
import org.ssl4j.rl.env.ScriptedEnv;
import org.ssl4j.rl.env.TimeStep;
import org.ssl4j.rl.env.control.CartpoleSwingup;
import org.ssl4j.rl.sac.SacConfig;

/** SAC learns a one-step task from state; the three agents run end to end on cartpole; runs repeat by seed. */
class AgentTrainerTest {
    @TempDir
    Path dir;

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8);

    /** One-step episodes: the reward is 1 - (a - 0.6)^2, so the best action is 0.6 and acting 0 earns 0.64. */
    private static final class Bandit extends ScriptedEnv {
        @Override
        public TimeStep reset() {
            return new TimeStep(new float[] {1}, 0, false);
        }

        @Override
        public TimeStep step(float[] action) {
            double miss = action[0] - 0.6;
            return new TimeStep(new float[] {1}, 1 - miss * miss, true);
        }
    }

    private static SacConfig small(boolean curl, double discount) {
        return new SacConfig(32, discount, null, 1e-3, null, null, null, null, null, null, null, 16, null, 8, null,
                null, 16, curl);
    }

    private static AgentTrainer.Report run(AgentTrainer.Settings settings, SacConfig config,
            Supplier<PixelEnv> task) {
        return run(settings, config, task, null);
    }

    private static AgentTrainer.Report run(AgentTrainer.Settings settings, SacConfig config,
            Supplier<PixelEnv> task, Path dir) {
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            return new AgentTrainer(settings, config).run(task, manager, QUIET, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void stateSacLearnsTheBestActionOfABandit() {
        AgentTrainer.Settings settings = new AgentTrainer.Settings(600, 1, 50, 600, 1, 1000, false, 1, 0, 0, 1, 600);
        AgentTrainer.Report report = run(settings, small(false, 0.5), Bandit::new);
        assertThat(report.evaluations()).hasSize(2);
        assertThat(report.evaluations().get(0).meanReturn()).as("untrained").isLessThan(0.9);
        assertThat(report.evaluations().get(1).meanReturn()).as("trained").isGreaterThan(0.97);
    }

    /** A cartpole whose second episode never starts: the process "dies" there, after a checkpoint. */
    private static final class DiesAtSecondEpisode implements PixelEnv {
        private final CartpoleSwingup task = new CartpoleSwingup();
        private int resets;

        @Override
        public String name() {
            return task.name();
        }

        @Override
        public int actionSize() {
            return task.actionSize();
        }

        @Override
        public int stateSize() {
            return task.stateSize();
        }

        @Override
        public void seed(long seed) {
            task.seed(seed);
        }

        @Override
        public TimeStep reset() {
            if (++resets == 2) {
                throw new IllegalStateException("killed");
            }
            return task.reset();
        }

        @Override
        public TimeStep step(float[] action) {
            return task.step(action);
        }

        @Override
        public void render(int width, int height, byte[] rgb, int offset) {
            task.render(width, height, rgb, offset);
        }
    }

    /**
     * A run killed after its first checkpoint and resumed gives the uninterrupted run's learning curve exactly: the
     * agent, its optimisers, the replay buffer and every random draw continue where they were.
     */
    @Test
    void aKilledPixelRunResumesExactly() throws Exception {
        // 250 agent steps (2 episodes of 125) of CURL on small renderings; a checkpoint at the second one's start.
        AgentTrainer.Settings settings = new AgentTrainer.Settings(2000, 8, 30, 1000, 1, 1000, true, 3, 48, 40, 3,
                1000);
        AgentTrainer.Report whole = run(settings, small(true, 0.99), CartpoleSwingup::new, dir.resolve("whole"));
        boolean[] first = {true};
        Supplier<PixelEnv> dying = () -> {
            if (first[0]) {
                first[0] = false;
                return new DiesAtSecondEpisode();
            }
            return new CartpoleSwingup();
        };
        assertThatThrownBy(() -> run(settings, small(true, 0.99), dying, dir.resolve("killed")))
                .hasMessageContaining("killed");
        try (Stream<Path> files = Files.list(dir.resolve("killed").resolve(AgentTrainer.CHECKPOINTS))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).as("the checkpoint and its buffer")
                    .containsExactly("replay-00000125.bin", "step-00000125.npz");
        }
        AgentTrainer.Report resumed = run(settings, small(true, 0.99), CartpoleSwingup::new, dir.resolve("killed"));
        assertThat(resumed.evaluations()).hasSize(whole.evaluations().size());
        for (int i = 0; i < whole.evaluations().size(); i++) {
            assertThat(resumed.evaluations().get(i).envSteps()).isEqualTo(whole.evaluations().get(i).envSteps());
            assertThat(resumed.evaluations().get(i).meanReturn()).as("evaluation %d", i)
                    .isEqualTo(whole.evaluations().get(i).meanReturn());
        }
        assertThat(resumed.lastLosses()).isEqualTo(whole.lastLosses());
        assertThat(LearningCurves.readCsv(dir.resolve("killed").resolve(AgentTrainer.CURVE))).hasSize(3);
    }

    @Test
    void theThreeAgentsRunEndToEndOnCartpoleAndRepeatBySeed() {
        // 200 agent steps of cartpole (action repeat 8): random for 100, then acting and updating.
        AgentTrainer.Settings state = new AgentTrainer.Settings(1600, 8, 100, 1600, 1, 1000, false, 3, 100, 84, 7,
                1600);
        AgentTrainer.Report a = run(state, small(false, 0.99), CartpoleSwingup::new);
        AgentTrainer.Report b = run(state, small(false, 0.99), CartpoleSwingup::new);
        assertThat(b.evaluations().get(1).meanReturn()).isEqualTo(a.evaluations().get(1).meanReturn());
        assertThat(a.lastLosses().critic()).isFinite();
        assertThat(a.lastLosses().curl()).isNaN();

        AgentTrainer.Settings pixels = new AgentTrainer.Settings(1600, 8, 100, 1600, 1, 1000, true, 3, 64, 56, 7, 1600);
        AgentTrainer.Report pixelSac = run(pixels, small(false, 0.99), CartpoleSwingup::new);
        assertThat(pixelSac.lastLosses().critic()).isFinite();
        assertThat(pixelSac.lastLosses().curl()).isNaN();
        AgentTrainer.Report curl = run(pixels, small(true, 0.99), CartpoleSwingup::new);
        assertThat(curl.lastLosses().critic()).isFinite();
        assertThat(curl.lastLosses().curl()).isFinite().isPositive();
        for (AgentTrainer.Report r : new AgentTrainer.Report[] {a, pixelSac, curl}) {
            assertThat(r.evaluations()).hasSize(2);
            assertThat(r.evaluations().get(1).meanReturn()).isBetween(0.0, 125.0 * 8);
            assertThat(r.updatesPerSecond()).isPositive();
            assertThat(r.envStepsPerSecond()).isPositive();
        }
    }
}
