package org.ssl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.rl.train.AgentTrainer;
import org.ssl4j.rl.train.LearningCurves;

/** {@code ssl4j rl train} and {@code rl eval} on a tiny state-SAC budget, and their user errors. */
class RlCliTest {
    private static final String[] TINY = {"--set", "train.envSteps=2000", "--set", "train.initSteps=50", "--set",
        "train.evalEvery=1000", "--set", "train.evalEpisodes=1", "--set", "train.checkpointEvery=1000", "--set",
        "agent.hidden=32", "--set", "agent.batchSize=16"};

    @Test
    void trainWritesTheCurveAndCheckpointsAndEvalReplaysTheLastEvaluation(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliTest.Outcome trained = CliTest.run(args("rl", "train", "--recipe", "rl/cartpole-swingup/state-sac",
                "--out", out.toString()));
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("cartpole-swingup-state-sac: mean return", "at 2000 env steps",
                "updates/s");
        assertThat(out.resolve("recipe.resolved.yaml")).content().contains("task: cartpole-swingup",
                "actionRepeat: 8", "envSteps: 2000");
        assertThat(out.resolve("curve.png")).isNotEmptyFile();
        List<AgentTrainer.Evaluation> curve = LearningCurves.readCsv(out.resolve(AgentTrainer.CURVE));
        assertThat(curve).extracting(AgentTrainer.Evaluation::envSteps).containsExactly(0L, 1000L, 2000L);
        try (var files = Files.list(out.resolve(AgentTrainer.CHECKPOINTS))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).contains("step-00000250.npz",
                    "replay-00000250.bin");
        }

        // One episode seeded as the training's last evaluation: the same agent acting the same gives the same return.
        CliTest.Outcome evaluated = CliTest.run("rl", "eval", "--run", out.toString(), "--episodes", "1");
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.out()).contains(String.format(java.util.Locale.ROOT, "mean return %.1f +- 0.0 over 1 "
                + "episodes, agent at 2000 env steps", curve.get(2).meanReturn()));

        CliTest.Outcome resumed = CliTest.run("rl", "train", "--resume", out.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming at agent step 250 of 250");
    }

    @Test
    void userMistakesGiveOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("x");
        assertUserError(CliTest.run("rl", "train", "--recipe", "rl/cartpole-swingup/curl", "--out", out.toString(),
                "--set", "env.task=cheetah-run"), "rl/cartpole-swingup/curl",
                "env.task: unknown control task 'cheetah-run'; expected one of cartpole-swingup");
        assertUserError(CliTest.run("rl", "train", "--recipe", "rl/cartpole-swingup/curl", "--out", out.toString(),
                "--set", "env.pixels=false"), "agent.curl: true needs env.pixels: true");
        assertUserError(CliTest.run("rl", "train", "--recipe", "rl/cartpole-swingup/curl", "--out", out.toString(),
                "--set", "train.evalEvery=1001"), "train.evalEvery: 1001 is not a multiple of env.actionRepeat 8");
        assertUserError(CliTest.run("rl", "train", "--recipe", "rl/reacher-easy/curl", "--out", out.toString(),
                "--set", "agent.batchSize=0"), "agent.batchSize");
        assertUserError(CliTest.run("rl", "eval", "--run", dir.toString()), "not a run directory");
        assertUserError(CliTest.run("rl", "train", "--resume", dir.toString(), "--out", out.toString()),
                "--resume continues a run with its saved recipe");
        assertUserError(CliTest.run("rl"), "a subcommand is required");
        Path fresh = dir.resolve("fresh"); // a run whose recipe was saved but which never reached a checkpoint
        Files.createDirectories(fresh.resolve(AgentTrainer.CHECKPOINTS));
        Files.writeString(fresh.resolve("recipe.resolved.yaml"), "env: {task: cartpole-swingup, pixels: false}\n"
                + "agent: {curl: false}\n");
        assertUserError(CliTest.run("rl", "train", "--resume", fresh.toString()), "no checkpoint to resume from");
        assertThat(out).doesNotExist();
    }

    private static String[] args(String... head) {
        String[] all = java.util.Arrays.copyOf(head, head.length + TINY.length);
        System.arraycopy(TINY, 0, all, head.length, TINY.length);
        return all;
    }

    private static void assertUserError(CliTest.Outcome o, String... fragments) {
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
        assertThat(o.err().strip()).as("one line").doesNotContain("\n").doesNotContain("\tat ").contains(fragments);
    }
}
