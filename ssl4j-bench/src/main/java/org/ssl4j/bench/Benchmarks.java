package org.ssl4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.train.AtomicFiles;

/**
 * The benchmark suite: every figure is measured by ssl4j in a fresh JVM and, where there is one, by the PyTorch-eager
 * peer in a fresh Python process, in the same run, and printed as a table with the ratio ssl4j / peer.
 *
 * <ul>
 *   <li>{@code step}: a full training step (views, loss, backward, optimiser, EMA and enqueue for MoCo) on pre-built
 *       tensors, images/s, for {@link StepCase#defaults()};</li>
 *   <li>{@code augment}: the two-view SimCLR transform alone, images/s, 1 and 2 workers, against torchvision;</li>
 *   <li>{@code loader}: the small-ConvNet steps fed by the real loader against the same steps on pre-built tensors;</li>
 *   <li>{@code matmul}: the float32 matrix-product peak, the ceiling against which the step's FLOP rate is read;</li>
 *   <li>{@code video}: motion vectors and picture types read from a 320x240 H.264 stream on one decoder thread,
 *       frames/s, against the {@code ffmpeg} CLI decoding the same file with motion-vector export; and the clip
 *       loader's decoded clips per second on MotionDigits (ssl4j only);</li>
 *   <li>{@code memory} (not in the default set): resident memory every 100 steps of a MoCo v2 run.</li>
 * </ul>
 */
public final class Benchmarks {
    /** The suites run when none is named. */
    public static final List<String> DEFAULT_SUITES = List.of("matmul", "step", "augment", "loader", "video");
    /** Every suite. */
    public static final Set<String> SUITES = Set.of("matmul", "step", "augment", "loader", "video", "memory", "rl",
            "rl-env");

    /** Small-ConvNet steps take about a second, ResNet-18 ones half a minute: the fast rows repeat more. */
    private static final int FAST_ROW_FACTOR = 4;
    private static final int FAST_WARMUP_FACTOR = 8;

    private final Settings settings;
    private final PrintStream log;
    private Path peerDir;

    /**
     * How to run the suite.
     *
     * @param suites which suites, in order
     * @param threads engine threads for ssl4j and the peer alike
     * @param warmup untimed steps before the timed ones
     * @param steps timed steps per row (the median is reported)
     * @param augmentBatches batches per augmentation row
     * @param python the peer's interpreter, or {@code null} to run without the peer
     * @param rounds how many times each row runs, alternating ssl4j and the peer (the median counts)
     * @param memorySteps length of the memory run
     * @param memoryBatch batch size of the memory run
     * @param ffmpeg the {@code ffmpeg} executable of the video peer, or {@code null} to run without it
     * @param videoFrames length of the video suite's stream
     */
    public record Settings(List<String> suites, int threads, int warmup, int steps, int augmentBatches, String python,
            int rounds, int memorySteps, int memoryBatch, String ffmpeg, int videoFrames) {
        /** Validates. */
        public Settings {
            for (String suite : suites) {
                Ssl4jException.check(SUITES.contains(suite), "unknown benchmark '%s' (known: %s)", suite,
                        String.join(", ", SUITES.stream().sorted().toList()));
            }
            Ssl4jException.check(threads >= 1, "--threads must be >= 1: %s", threads);
            Ssl4jException.check(warmup >= 0 && steps >= 1, "--warmup must be >= 0 and --steps >= 1");
            Ssl4jException.check(augmentBatches >= 2, "--augment-batches must be >= 2: %s", augmentBatches);
            Ssl4jException.check(rounds >= 1, "--rounds must be >= 1: %s", rounds);
            Ssl4jException.check(memorySteps >= 200 && memoryBatch >= 2,
                    "--memory-steps must be >= 200 and --memory-batch >= 2");
            Ssl4jException.check(videoFrames >= 25, "--video-frames must be >= 25: %s", videoFrames);
        }
    }

    /** @param log where tables and progress go */
    public Benchmarks(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** Runs the suites and prints one table per suite; returns the tables. */
    public List<Table> run() {
        if (settings.python() != null) {
            checkPeer();
        }
        if (settings.ffmpeg() != null && settings.suites().contains("video")) {
            checkFfmpeg();
        }
        List<Table> tables = new ArrayList<>();
        for (String suite : settings.suites()) {
            Table table = switch (suite) {
                case "matmul" -> matmul();
                case "step" -> step();
                case "augment" -> augment();
                case "loader" -> loader();
                case "video" -> video();
                case "rl" -> rl();
                case "rl-env" -> rlEnv();
                default -> memory();
            };
            table.print(log);
            tables.add(table);
        }
        return tables;
    }

    private Table matmul() {
        Table table = peerTable("matmul", "float32 matrix product 2048x2048", "GFLOP/s");
        String repeats = String.valueOf(Math.max(3, settings.steps()));
        JsonNode[] both = alternate(() -> java("matmul", "2048", repeats), () -> peer("step_peer.py", "--matmul",
                "2048", "--steps", repeats, "--threads", String.valueOf(settings.threads())), "gflops");
        table.add("matmul n=2048", both[0], both[1], "gflops", false);
        return table;
    }

    private Table step() {
        Table table = new Table("step", "training step on pre-built tensors (GFLOP/s: ssl4j's rate times the peer's"
                + " count of training FLOPs per image)", List.of("ssl4j images/s", "PyTorch images/s", "ratio",
                "ssl4j GFLOP/s", "ssl4j peak MB", "PyTorch peak MB"));
        for (StepCase c : StepCase.defaults()) {
            JsonNode[] both = alternate(() -> java(stepArgs(c, "prebuilt", 1)), () -> peer("step_peer.py",
                    "--method", c.method(), "--backbone", c.backbone(), "--channels", String.valueOf(c.channels()),
                    "--size", String.valueOf(c.size()), "--batch", String.valueOf(c.batch()), "--warmup",
                    String.valueOf(warmupFor(c)), "--steps", String.valueOf(stepsFor(c)), "--threads",
                    String.valueOf(settings.threads())), "images_per_s");
            table.add(c.label(), both[0], both[1], "images_per_s", true);
        }
        return table;
    }

    private Table augment() {
        Table table = peerTable("augment", "two-view SimCLR augmentation alone (torchvision peer)", "images/s");
        int[][] shapes = {{1, 28}, {3, 32}};
        for (int[] shape : shapes) {
            for (int workers = 1; workers <= 2; workers++) {
                String[] common = {String.valueOf(shape[0]), String.valueOf(shape[1]), "256", String.valueOf(workers),
                    String.valueOf(settings.augmentBatches())};
                JsonNode[] both = alternate(() -> java("augment", common[0], common[1], common[2], common[3],
                        common[4]), () -> peer("augment_peer.py", "--channels", common[0], "--size", common[1],
                        "--batch", common[2], "--workers", common[3], "--batches", common[4]), "images_per_s");
                table.add(String.format(Locale.ROOT, "%dx%dx%d b256, %d worker%s", shape[0], shape[1], shape[1],
                        workers, workers == 1 ? "" : "s"), both[0], both[1], "images_per_s", false);
            }
        }
        return table;
    }

    private Table loader() {
        Table table = new Table("loader", "the same steps fed by the real loader (1 worker) and by pre-built tensors",
                List.of("real loader img/s", "pre-built img/s", "ratio", "real loader peak MB"));
        for (StepCase c : StepCase.defaults()) {
            if (!c.backbone().equals("small-convnet")) {
                continue;
            }
            JsonNode[] both = alternate(() -> java(stepArgs(c, "loader", 1)), () -> java(stepArgs(c, "prebuilt", 1)),
                    "images_per_s");
            JsonNode real = both[0];
            JsonNode prebuilt = both[1];
            double a = real.get("images_per_s").asDouble();
            double b = prebuilt.get("images_per_s").asDouble();
            table.row(c.label(), fmt(a), fmt(b), String.format(Locale.ROOT, "%.3f", a / b),
                    fmt(real.get("peak_rss_mb").asDouble()));
        }
        return table;
    }

    private Table video() {
        Table table = new Table("video", "motion vectors + picture types, " + settings.videoFrames() + " frames of"
                + " 320x240 H.264 (OpenH264, GOP 12), one decoder thread; peer: ffmpeg -flags2 +export_mvs -threads 1"
                + " -i FILE -f null - (its process start included)", List.of("ssl4j frames/s",
                "ffmpeg CLI frames/s", "ratio", "ssl4j peak MB"));
        Path file = peerDir().resolve("bench-320x240-h264.mp4");
        String frames = String.valueOf(settings.videoFrames());
        if (!Files.exists(file)) {
            java("video-write", file.toString(), frames);
            file.toFile().deleteOnExit();
        }
        JsonNode[] both = alternate(() -> java("motion-vectors", file.toString()), () -> settings.ffmpeg() == null
                ? null : java("ffmpeg-decode", settings.ffmpeg(), file.toString(), frames), "frames_per_s");
        double peer = both[1] == null ? Double.NaN : both[1].get("frames_per_s").asDouble();
        for (String pass : List.of("cold", "warm")) {
            double ours = both[0].get(pass.equals("cold") ? "cold_frames_per_s" : "frames_per_s").asDouble();
            table.row(pass.equals("cold") ? "first file of a fresh JVM (library loading, JIT)" : "next files (warm)",
                    fmt(ours), both[1] == null ? "-" : fmt(peer),
                    both[1] == null ? "-" : String.format(Locale.ROOT, "%.3f", ours / peer),
                    fmt(both[0].get("peak_rss_mb").asDouble()));
        }
        Path digits = peerDir().resolve("motion-digits");
        if (!Files.exists(digits)) {
            java("motion-digits", digits.toString(), "5");
        }
        String batches = String.valueOf(Math.max(2, settings.steps()));
        for (int workers = 1; workers <= 2; workers++) {
            JsonNode loader = java("clip-loader", digits.toString(), String.valueOf(workers), batches);
            table.row(String.format(Locale.ROOT, "clip loader, %d worker%s: 2 x 8x64x64 clips per video, clips/s",
                    workers, workers == 1 ? "" : "s"), fmt(loader.get("clips_per_s").asDouble()), "-", "-",
                    fmt(loader.get("peak_rss_mb").asDouble()));
        }
        try {
            AtomicFiles.deleteTree(digits); // deleteOnExit cannot remove a folder with files in it
        } catch (IOException e) {
            throw new Ssl4jException("cannot remove the benchmark's folder " + digits + ": " + e.getMessage());
        }
        return table;
    }

    private Table rl() {
        Table table = peerTable("rl", "one agent update at CURL's defaults (batch 128, 1,024 hidden units, 9x84x84 "
                + "observations or 5 state values, one action), on a batch built once", "updates/s");
        String warmup = String.valueOf(settings.warmup() + 1);
        String steps = String.valueOf(settings.steps());
        for (String agent : List.of("curl", "pixel-sac", "state-sac")) {
            JsonNode[] both = alternate(() -> java("rl-update", agent, "128", warmup, steps), () -> peer("rl_peer.py",
                    "--agent", agent, "--batch", "128", "--warmup", warmup, "--steps", steps, "--threads",
                    String.valueOf(settings.threads())), "updates_per_s");
            table.add(agent, both[0], both[1], "updates_per_s", false);
        }
        return table;
    }

    private Table rlEnv() {
        Table table = new Table("rl-env", "control steps per second on one Java thread, random actions: the physics, "
                + "and each step rendered at 100x100 and stacked with the last two", List.of("physics steps/s",
                "with pixels steps/s", "peak MB"));
        for (String task : List.of("cartpole-swingup", "reacher-easy", "ball_in_cup-catch", "finger-spin")) {
            JsonNode result = java("rl-env", task, "20000");
            table.row(task, fmt(result.get("physics_steps_per_s").asDouble()),
                    fmt(result.get("pixel_steps_per_s").asDouble()), fmt(result.get("peak_rss_mb").asDouble()));
        }
        return table;
    }

    private Table memory() {
        Table table = new Table("memory", "resident memory of a MoCo v2 run (small ConvNet, real loader)",
                List.of("RSS @100 MB", "RSS @" + settings.memorySteps() + " MB", "change", "max MB"));
        JsonNode result = java("memory", String.valueOf(settings.memorySteps()),
                String.valueOf(settings.memoryBatch()));
        List<Double> rss = new ArrayList<>();
        result.get("rss_mb_every_100_steps").forEach(v -> rss.add(v.asDouble()));
        double first = rss.get(0);
        double last = rss.get(rss.size() - 1);
        table.row("moco small-convnet b" + settings.memoryBatch(), fmt(first), fmt(last),
                String.format(Locale.ROOT, "%+.1f %%", 100 * (last - first) / first),
                fmt(rss.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
        return table;
    }

    /**
     * Runs two measurements {@code rounds} times, alternating, so that slow drifts of a shared machine fall on both
     * sides; each side's {@code field} is the median over its rounds and its peak memory the largest. The second may
     * be absent (no peer).
     */
    private JsonNode[] alternate(Supplier<JsonNode> first, Supplier<JsonNode> second, String field) {
        List<List<JsonNode>> rounds = List.of(new ArrayList<>(), new ArrayList<>());
        for (int round = 0; round < settings.rounds(); round++) {
            rounds.get(0).add(first.get());
            JsonNode other = second.get();
            if (other != null) {
                rounds.get(1).add(other);
            }
        }
        JsonNode[] merged = new JsonNode[2];
        for (int side = 0; side < 2; side++) {
            List<JsonNode> results = rounds.get(side);
            if (results.isEmpty()) {
                continue;
            }
            ObjectNode out = results.get(0).deepCopy();
            out.put(field, Stats.median(results.stream().map(r -> r.get(field).asDouble()).toList()));
            out.put("peak_rss_mb", results.stream().mapToDouble(r -> r.get("peak_rss_mb").asDouble()).max()
                    .orElseThrow());
            merged[side] = out;
        }
        return merged;
    }

    private String[] stepArgs(StepCase c, String source, int workers) {
        return new String[] {"step", c.method(), c.backbone(), String.valueOf(c.channels()), String.valueOf(c.size()),
            String.valueOf(c.batch()), source, String.valueOf(warmupFor(c)), String.valueOf(stepsFor(c)),
            String.valueOf(workers)};
    }

    /**
     * Untimed steps of a row: the fast small-ConvNet rows take {@value #FAST_WARMUP_FACTOR} times as many (their step
     * time still fell by a fifth over the first five to six steps in a measured run).
     */
    private int warmupFor(StepCase c) {
        return c.backbone().equals("small-convnet") ? FAST_WARMUP_FACTOR * settings.warmup() : settings.warmup();
    }

    /** Timed steps of a row: the fast small-ConvNet rows take {@value #FAST_ROW_FACTOR} times as many. */
    private int stepsFor(StepCase c) {
        return c.backbone().equals("small-convnet") ? FAST_ROW_FACTOR * settings.steps() : settings.steps();
    }

    private Table peerTable(String name, String title, String unit) {
        String peer = name.equals("augment") ? "torchvision" : "PyTorch";
        return new Table(name, title, List.of("ssl4j " + unit, peer + " " + unit, "ratio", "ssl4j peak MB",
                peer + " peak MB"));
    }

    /**
     * Runs a measurement in a fresh JVM with the options {@code bin/ssl4j} gives the CLI: the initial Java heap
     * touched at start, then {@code SSL4J_JAVA_OPTS} (docs/BENCHMARKS.md, "Engine settings").
     */
    private JsonNode java(String... args) {
        log.printf(Locale.ROOT, "  ssl4j %s%n", String.join(" ", args));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+AlwaysPreTouch"));
        String userOptions = System.getenv().getOrDefault("SSL4J_JAVA_OPTS", "").strip();
        if (!userOptions.isEmpty()) {
            command.addAll(List.of(userOptions.split("\\s+")));
        }
        command.addAll(List.of("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=" + settings.threads(),
                "-Dai.djl.pytorch.num_interop_threads=1", "-cp", System.getProperty("java.class.path"),
                BenchWorker.class.getName()));
        command.addAll(List.of(args));
        return logged(ChildProcess.run(command, Map.of("OMP_NUM_THREADS", String.valueOf(settings.threads())),
                1800));
    }

    /** Logs a child's series (step times, memory), so that noise and drift are visible beside the summaries. */
    private JsonNode logged(JsonNode result) {
        for (String series : List.of("step_s", "rss_mb_every_100_steps", "java_heap_mb_every_100_steps")) {
            if (result.has(series)) {
                List<String> values = new ArrayList<>();
                result.get(series).forEach(v -> values.add(String.format(Locale.ROOT, "%.3f", v.asDouble())));
                log.println("    " + series + ": " + String.join(" ", values));
            }
        }
        return result;
    }

    private JsonNode peer(String script, String... args) {
        if (settings.python() == null) {
            return null;
        }
        log.printf(Locale.ROOT, "  peer  %s %s%n", script, String.join(" ", args));
        List<String> command = new ArrayList<>(List.of(settings.python(), peerScript(script).toString()));
        command.addAll(List.of(args));
        return logged(ChildProcess.run(command, Map.of("OMP_NUM_THREADS", String.valueOf(settings.threads())),
                1800));
    }

    /** Fails with the install line when the interpreter cannot import torch and torchvision. */
    private void checkPeer() {
        try {
            ChildProcess.run(List.of(settings.python(), "-c",
                    "import json, torch, torchvision; print(json.dumps({'torch': torch.__version__}))"), Map.of(), 120);
        } catch (Ssl4jException e) {
            throw new Ssl4jException("the PyTorch peer (" + settings.python() + ") cannot import torch and"
                    + " torchvision: apt-get install python3-torch python3-torchvision libopenblas0-pthread, point"
                    + " --python at an interpreter that has them, or pass --no-peer");
        }
    }

    /** Fails with the install line when the video peer cannot be started, before any suite has run. */
    private void checkFfmpeg() {
        try {
            Process process = new ProcessBuilder(settings.ffmpeg(), "-hide_banner", "-version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) {
                return;
            }
            process.destroyForcibly();
        } catch (IOException e) {
            // reported below, with the remedy
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new Ssl4jException("the video peer '" + settings.ffmpeg() + "' cannot be run: apt-get install ffmpeg,"
                + " point --ffmpeg at an ffmpeg executable, or pass --no-peer");
    }

    /** The run's temporary folder (peer scripts, generated inputs), created on first use. */
    private Path peerDir() {
        try {
            if (peerDir == null) {
                peerDir = Files.createTempDirectory("ssl4j-peer");
                peerDir.toFile().deleteOnExit();
            }
            return peerDir;
        } catch (IOException e) {
            throw new Ssl4jException("cannot create a temporary folder for the benchmark: " + e.getMessage());
        }
    }

    /** The peer script {@code name}, copied from the jar to a temporary folder on first use. */
    private Path peerScript(String name) {
        try {
            Path file = peerDir().resolve(name);
            if (!Files.exists(file)) {
                try (InputStream in = Benchmarks.class.getResourceAsStream("peer/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("peer script missing from the jar: " + name);
                    }
                    Files.copy(in, file);
                }
                file.toFile().deleteOnExit();
            }
            return file;
        } catch (IOException e) {
            throw new Ssl4jException("cannot write the peer script " + name + ": " + e.getMessage());
        }
    }

    static String fmt(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
