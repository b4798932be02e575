package org.ssl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pretraining run killed with SIGKILL part-way (after step 23 of 40, checkpoints every 10) and resumed continues exactly as an uninterrupted run with the same
 * seed; a damaged newest checkpoint makes the resume fall back to the previous one. MoCo and DenseCL are used because
 * they have the most state (momentum encoder, queues and their positions, split batch norm, optimiser moments).
 */
class ResumeTest {
    private static final Pattern LINE = Pattern.compile("^\\{\"step\":(\\d+),\"epoch\":\\d+,\"loss\":([^,]+),");
    private static final int STEPS = 40;

    private static List<String> args(Path out) {
        return args(out, List.of());
    }

    /** The run's arguments; {@code more} adds overrides. */
    private static List<String> args(Path out, List<String> more) {
        List<String> args = new ArrayList<>(List.of("pretrain", "--recipe", "mnist/moco", "--out", out.toString(),
                "--set", "train.steps=" + STEPS, "--set", "train.batchSize=32", "--set", "train.logEvery=1",
                "--set", "train.checkpointEvery=10", "--set", "train.keepCheckpoints=3",
                "--set", "method.queueSize=128", "--set", "backbone.batchNormSplits=4",
                "--set", "optim.warmupEpochs=0.1"));
        args.addAll(more);
        return args;
    }

    private static Map<Long, Double> losses(Path run) throws IOException {
        Map<Long, Double> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            Matcher m = LINE.matcher(line);
            assertThat(m.find()).as(line).isTrue();
            assertThat(out.put(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)))).as("step logged twice")
                    .isNull();
        }
        return out;
    }

    /** Starts the CLI in a child JVM and kills it (SIGKILL) once it has logged {@code killAfter} steps. */
    private static void runAndKill(Path out, long killAfter) throws Exception {
        runAndKill(out, killAfter, List.of());
    }

    private static void runAndKill(Path out, long killAfter, List<String> more) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
                "-cp", System.getProperty("java.class.path"), Ssl4j.class.getName()));
        command.addAll(args(out, more));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolveSibling("child.log").toFile()).start();
        Path metrics = out.resolve("metrics.jsonl");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (child.isAlive() && System.nanoTime() < deadline) {
            if (Files.exists(metrics) && Files.readAllLines(metrics).size() >= killAfter) {
                child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
                break;
            }
            Thread.sleep(5);
        }
        child.waitFor(1, TimeUnit.MINUTES);
        assertThat(child.exitValue()).as("the child must be killed, not finish: see %s",
                out.resolveSibling("child.log")).isNotZero();
    }

    /** MoCo, and DenseCL (two queues, and a dense-loss warm-up that depends on the step count) on the same data. */
    static List<List<String>> methods() {
        return List.of(List.of(), List.of("--set", "method.name=densecl", "--set", "method.lambdaWarmupSteps=30"));
    }

    @ParameterizedTest
    @MethodSource("methods")
    void killedRunResumesExactly(List<String> method, @TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole");
        CliTest.Outcome uninterrupted = CliTest.run(args(whole, method).toArray(String[]::new));
        assertThat(uninterrupted.code()).as(uninterrupted.err()).isZero();

        Path killed = dir.resolve("killed");
        runAndKill(killed, 23, method);
        assertThat(Files.exists(killed.resolve("encoder"))).isFalse();
        long logged = losses(killed).size();
        assertThat(logged).isBetween(23L, (long) STEPS - 1);

        CliTest.Outcome resumed = CliTest.run("pretrain", "--resume", killed.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        // the newest checkpoint at or before the kill (the one of step `logged` may not have been written yet)
        assertThat(resumed.err()).containsPattern("resuming from step-000000[0-9]0\\.npz: step [0-9]0 of 40");

        Map<Long, Double> expected = losses(whole);
        Map<Long, Double> actual = losses(killed);
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet()); // each step once, in order
        for (long step = 21; step <= STEPS; step++) {
            assertThat(actual.get(step)).as("loss at step %d", step).isCloseTo(expected.get(step), within(1e-6));
        }
        assertThat(Files.readAllBytes(killed.resolve("encoder/encoder.params")))
                .isEqualTo(Files.readAllBytes(whole.resolve("encoder/encoder.params")));
        // the online probe resumed too: its accuracy over the (unfinished) epoch at the last step is the same
        String last = Files.readAllLines(whole.resolve("metrics.jsonl")).get(STEPS - 1);
        assertThat(last).contains("\"probeAcc\":");
        assertThat(Files.readAllLines(killed.resolve("metrics.jsonl")).get(STEPS - 1)
                .replaceAll("\"(seconds|imagesPerSec|rssMb)\":[0-9.]+", ""))
                .isEqualTo(last.replaceAll("\"(seconds|imagesPerSec|rssMb)\":[0-9.]+", ""));
    }

    @Test
    void damagedNewestCheckpointFallsBackToThePreviousOne(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        runAndKill(run, 35);
        Path newest = run.resolve("checkpoints/step-00000030.npz");
        assertThat(newest).exists();
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated, as by a full disk

        CliTest.Outcome resumed = CliTest.run("pretrain", "--resume", run.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("warning: " + newest + " is damaged or truncated")
                .contains("resuming from step-00000020.npz");
        assertThat(losses(run).keySet()).hasSize(STEPS);
    }

    @Test
    void resumeRejectsOtherOptionsAndMissingRuns(@TempDir Path dir) {
        CliTest.Outcome both = CliTest.run("pretrain", "--resume", dir.toString(), "--out", dir.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("drop --recipe, --set and --out").doesNotContain("Exception");
        CliTest.Outcome none = CliTest.run("pretrain", "--resume", dir.resolve("missing").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("not a run directory");
    }
}
