package org.ssl4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ssl4j.core.data.ArraySamples;
import org.ssl4j.core.data.BatchLoader;
import org.ssl4j.core.data.BatchSource;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.data.HostBatch;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.optim.Optimizers;
import org.ssl4j.core.recipe.Recipe;
import org.ssl4j.core.train.Engines;
import org.ssl4j.core.train.Pretrainer;
import org.ssl4j.core.train.ProcessMemory;
import org.ssl4j.core.train.TrainingListener;
import org.ssl4j.image.augment.SimClrAugmentation;
import org.ssl4j.image.data.ImageData;
import org.ssl4j.core.data.ViewTransform;
import org.ssl4j.core.recipe.DataConfig;
import org.ssl4j.video.compressed.MotionField;
import org.ssl4j.video.compressed.MotionVectorReader;
import org.ssl4j.video.data.ClipDataset;
import org.ssl4j.video.data.VideoFolder;
import org.ssl4j.video.io.ClipSampler;
import org.ssl4j.video.synth.MotionDigits;

/**
 * One measurement in a fresh JVM, so that each row's peak resident memory and warm-up are its own (the peer runs each
 * row in a fresh Python process too). Prints one JSON line on stdout. Started by {@link Benchmarks}:
 *
 * <pre>
 *   step    METHOD BACKBONE CHANNELS SIZE BATCH prebuilt|loader WARMUP STEPS WORKERS
 *   augment CHANNELS SIZE BATCH WORKERS BATCHES
 *   memory  STEPS BATCH
 *   matmul  N REPEATS
 *   video-write FILE FRAMES
 *   motion-vectors FILE
 *   ffmpeg-decode FFMPEG FILE FRAMES
 *   motion-digits DIR TRAIN_PER_CLASS
 *   clip-loader DIR WORKERS BATCHES
 *   rl-update AGENT BATCH WARMUP STEPS
 *   rl-env TASK STEPS
 * </pre>
 */
public final class BenchWorker {
    private BenchWorker() {}

    /** Runs the measurement named by {@code args[0]}. */
    public static void main(String[] args) throws Exception {
        Map<String, Object> result = switch (args[0]) {
            case "step" -> step(new StepCase(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5])), args[6].equals("loader"), Integer.parseInt(args[7]),
                    Integer.parseInt(args[8]), Integer.parseInt(args[9]));
            case "augment" -> augment(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "memory" -> memory(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "matmul" -> matmul(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "video-write" -> videoWrite(Path.of(args[1]), Integer.parseInt(args[2]));
            case "motion-vectors" -> motionVectors(Path.of(args[1]));
            case "ffmpeg-decode" -> ffmpegDecode(args[1], Path.of(args[2]), Integer.parseInt(args[3]));
            case "motion-digits" -> motionDigits(Path.of(args[1]), Integer.parseInt(args[2]));
            case "clip-loader" -> clipLoader(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "rl-update" -> BenchRl.update(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "rl-env" -> BenchRl.env(args[1], Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("unknown measurement " + args[0]);
        };
        result.put("peak_rss_mb", ProcessMemory.peakResidentBytes() / 1048576.0);
        System.out.println(new ObjectMapper().writeValueAsString(result));
    }

    /** The images of a case's shape: the bundled MNIST digits for 1x28x28, 2,048 of random pixels otherwise. */
    private static Dataset images(int channels, int size) {
        if (channels == 1 && size == 28) {
            return ImageData.bundledMnist();
        }
        SplittableRandom random = new SplittableRandom(0);
        float[][] pixels = new float[2048][];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = randomPixels(channels * size * size, random);
        }
        return new ArraySamples(pixels, new int[] {channels, size, size});
    }

    private static float[] randomPixels(int length, SplittableRandom random) {
        float[] pixels = new float[length];
        for (int i = 0; i < length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        return pixels;
    }

    /** The real loader over a case's images with the two-view SimCLR transform of its recipe. */
    private static BatchLoader loader(StepCase c, Recipe recipe, long steps, int workers, int prefetch) {
        return new BatchLoader(images(c.channels(), c.size()), new SimClrAugmentation(recipe.augment(), c.size()),
                c.batch(), recipe.seed(), 0, steps, workers, prefetch);
    }

    /** A case's method, initialised on {@code manager}, in the training loop at the recipe's fixed learning rate. */
    private static Pretrainer trainer(StepCase c, Recipe recipe, NDManager manager, TrainingListener listener) {
        Engines.seed(recipe.seed());
        Method method = StepCase.methods().create(recipe.method(), () -> Backbones.create(recipe.backbone()));
        method.initialize(manager, new Shape(c.batch(), c.channels(), c.size(), c.size()));
        return new Pretrainer(method, Optimizers.create(recipe.optim()), Tracker.fixed(recipe.optim().lr().floatValue()),
                Integer.MAX_VALUE, null, List.of(listener));
    }

    private static Map<String, Object> step(StepCase c, boolean realLoader, int warmup, int steps, int workers) {
        Recipe recipe = c.recipe();
        int total = warmup + steps;
        List<Double> seconds = new ArrayList<>();
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            Pretrainer trainer = trainer(c, recipe, manager, timer(seconds));
            if (realLoader) {
                try (BatchLoader loader = loader(c, recipe, total, workers, recipe.train().prefetch())) {
                    trainer.run(manager, loader, 0, total);
                }
            } else {
                trainer.run(manager, prebuilt(c), 0, total);
            }
        }
        List<Double> timed = seconds.subList(warmup, total);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("images_per_s", c.batch() / Stats.median(timed));
        out.put("step_s", timed);
        return out;
    }

    /** Two views of random pixels, built once and handed out again at every step. */
    private static BatchSource prebuilt(StepCase c) {
        int length = c.batch() * c.channels() * c.size() * c.size();
        SplittableRandom random = new SplittableRandom(0);
        float[][] views = {randomPixels(length, random), randomPixels(length, random)};
        int[] viewShape = {c.channels(), c.size(), c.size()};
        long[] step = {0};
        return () -> new HostBatch(step[0], step[0]++, views, viewShape, null);
    }

    private static TrainingListener timer(List<Double> seconds) {
        double[] last = {0};
        return info -> {
            seconds.add(info.secondsElapsed() - last[0]);
            last[0] = info.secondsElapsed();
        };
    }

    /** Images per second of the two-view transform alone, timed from the first batch to the last as the peer. */
    private static Map<String, Object> augment(int channels, int size, int batch, int workers, int batches) {
        StepCase shape = new StepCase("simclr", "small-convnet", channels, size, batch);
        long start = 0;
        try (BatchLoader loader = loader(shape, shape.recipe(), batches, workers, 2 * workers)) {
            loader.next();
            start = System.nanoTime();
            while (loader.hasNext()) {
                loader.next();
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("images_per_s", (double) batch * (batches - 1) / elapsed);
        return out;
    }

    /** The float32 rate of an {@code n x n} matrix product, the best of {@code repeats} after one warm-up. */
    private static Map<String, Object> videoWrite(Path file, int frames) {
        long start = System.nanoTime();
        BenchVideo.write(file, frames);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("frames", frames);
        out.put("seconds", (System.nanoTime() - start) / 1e9);
        return out;
    }

    /**
     * Motion fields and picture types of every frame, on one decoder thread, from opening the file to the end: once
     * cold (the first file of a fresh JVM, FFmpeg's libraries loaded and the code not yet compiled) and then warm,
     * as a JVM extracting from a whole dataset runs after its first files.
     */
    private static Map<String, Object> motionVectors(Path file) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String pass : List.of("cold", "warm", "warm")) {
            long start = System.nanoTime();
            int frames = 0;
            try (MotionVectorReader reader = MotionVectorReader.open(file, 4, 1)) {
                for (MotionField f = reader.next(); f != null; f = reader.next()) {
                    frames++;
                }
            }
            out.put("frames", frames);
            out.put(pass.equals("cold") ? "cold_frames_per_s" : "frames_per_s",
                    frames / ((System.nanoTime() - start) / 1e9));
        }
        return out;
    }

    /** The ffmpeg CLI decoding the same file with motion-vector export on one thread, wall time of the process. */
    private static Map<String, Object> ffmpegDecode(String ffmpeg, Path file, int frames) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(ffmpeg, "-hide_banner", "-loglevel", "error", "-flags2", "+export_mvs",
                "-threads", "1", "-i", file.toString(), "-f", "null", "-").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
            throw new IllegalStateException(ffmpeg + " exited with " + code + ": " + output.strip());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("frames", frames);
        out.put("frames_per_s", frames / seconds);
        return out;
    }

    /** A MotionDigits folder (64x64, 32 frames) from the bundled digits, for the loader row. */
    private static Map<String, Object> motionDigits(Path dir, int perClass) {
        long start = System.nanoTime();
        MotionDigits.Settings d = MotionDigits.Settings.defaults();
        ImageData.TrainTest digits = ImageData.open(DataConfig.defaults(), Path.of(""), System.err);
        MotionDigits.generate(new MotionDigits.Settings(d.seed(), d.size(), d.frames(), d.framesPerSecond(), perClass,
                1, 0, d.bias(), false, d.audioRate(), d.threads()), digits.train(), digits.test(), dir, System.err);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seconds", (System.nanoTime() - start) / 1e9);
        return out;
    }

    /**
     * The core loader over MotionDigits' training clips: batches of 16 samples of 2 clips of 8 frames (stride 2) at
     * 64x64, decoded by FFmpeg in the workers; clips per second over {@code batches} batches after one untimed.
     */
    private static Map<String, Object> clipLoader(Path dir, int workers, int batches) {
        ClipDataset clips = new ClipDataset(VideoFolder.fromList(dir, "trainlist01.txt"),
                new ClipSampler(8, 2, 25, ClipSampler.Position.RANDOM, 2), 64, 64, ClipDataset.OnCorrupt.FAIL,
                System.err);
        ViewTransform each = new ViewTransform() { // each clip one view, as video MoCo's two positives
            @Override
            public int numViews() {
                return 2;
            }

            @Override
            public int[] viewShape(int[] sampleShape) {
                return new int[] {sampleShape[1], sampleShape[2], sampleShape[3], sampleShape[4]};
            }

            @Override
            public void apply(float[] sample, int[] sampleShape, SplittableRandom random, float[][] views, int position) {
                int half = sample.length / 2;
                System.arraycopy(sample, 0, views[0], position * half, half);
                System.arraycopy(sample, half, views[1], position * half, half);
            }
        };
        int batch = 16;
        double seconds;
        try (BatchLoader loader = new BatchLoader(clips, each, batch, 0, 0, batches + 1, workers, 2 * workers)) {
            loader.next();
            long start = System.nanoTime();
            for (int i = 0; i < batches; i++) {
                loader.next();
            }
            seconds = (System.nanoTime() - start) / 1e9;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clips_per_s", 2.0 * batch * batches / seconds);
        return out;
    }

    private static Map<String, Object> matmul(int n, int repeats) {
        double best = Double.MAX_VALUE;
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            NDArray a = manager.randomUniform(0, 1, new Shape(n, n));
            NDArray b = manager.randomUniform(0, 1, new Shape(n, n));
            for (int i = 0; i <= repeats; i++) {
                try (NDManager scope = manager.newSubManager()) {
                    long start = System.nanoTime();
                    NDArray c = a.matMul(b); // (n, n)
                    c.attach(scope);
                    c.getFloat(0, 0); // waits for the product
                    if (i > 0) {
                        best = Math.min(best, (System.nanoTime() - start) / 1e9);
                    }
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gflops", 2.0 * n * n * n / best / 1e9);
        return out;
    }

    private static Map<String, Object> memory(int steps, int batch) {
        StepCase c = new StepCase("moco", "small-convnet", 1, 28, batch);
        Recipe recipe = c.recipe();
        List<Double> rss = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        try (NDManager manager = Engines.pytorch().newBaseManager();
                BatchLoader loader = loader(c, recipe, steps, recipe.train().workers(), recipe.train().prefetch())) {
            trainer(c, recipe, manager, info -> {
                if ((info.step() + 1) % 100 == 0) {
                    rss.add(info.residentBytes() / 1048576.0);
                    heap.add(Runtime.getRuntime().totalMemory() / 1048576.0); // the Java heap's committed share
                }
            }).run(manager, loader, 0, steps);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rss_mb_every_100_steps", rss);
        out.put("java_heap_mb_every_100_steps", heap);
        return out;
    }
}
