package org.ssl4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ssl4j.core.recipe.DataConfig;
import org.ssl4j.image.data.ImageData;
import org.ssl4j.video.synth.MotionDigits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ssl4j data}: generators of the benchmark datasets. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Generate benchmark datasets.",
        subcommands = {DataCommand.MotionDigitsCommand.class})
final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a dataset is required (motion-digits)");
    }

    /** {@code ssl4j data motion-digits}: the scene-biased motion benchmark (see {@link MotionDigits}). */
    @Command(name = "motion-digits", mixinStandardHelpOptions = true,
            description = "Write MotionDigits: videos of the bundled digits moving in one of 10 ways (the class) over"
                    + " one of 10 texture families (the scene, correlated with the class in training), as H.264 MP4"
                    + " with an AAC tone track and per-frame digit masks, in UCF101's layout.")
    static final class MotionDigitsCommand implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to create.")
        Path out;

        @Option(names = "--seed", defaultValue = "0", description = "Seed of everything random (default 0).")
        long seed;

        @Option(names = "--size", defaultValue = "64", description = "Frame width and height (default 64).")
        int size;

        @Option(names = "--frames", defaultValue = "32", description = "Frames per video (default 32).")
        int frames;

        @Option(names = "--fps", defaultValue = "25", description = "Frame rate (default 25).")
        double fps;

        @Option(names = "--train-per-class", defaultValue = "100",
                description = "Training videos per class, from the training digits (default 100).")
        int trainPerClass;

        @Option(names = "--test-per-class", defaultValue = "30",
                description = "Decorrelated test videos per class, from the test digits (default 30).")
        int testPerClass;

        @Option(names = "--biased-test-per-class", defaultValue = "30",
                description = "Held-out test videos per class with training's scene bias (default 30).")
        int biasedTestPerClass;

        @Option(names = "--bias", defaultValue = "0.8",
                description = "Probability that a training video of class c shows texture family c (default 0.8).")
        double bias;

        @Option(names = "--camera-jitter", description = "Shake the background (a random walk).")
        boolean cameraJitter;

        @Option(names = "--threads", description = "Videos generated in parallel (default: all cores).")
        Integer threads;

        @Override
        public Integer call() {
            MotionDigits.Settings settings = new MotionDigits.Settings(seed, size, frames, fps, trainPerClass,
                    testPerClass, biasedTestPerClass, bias, cameraJitter, 16_000,
                    threads == null ? Runtime.getRuntime().availableProcessors() : threads);
            ImageData.TrainTest digits = ImageData.open(DataConfig.defaults(), Path.of(""), System.err);
            long start = System.nanoTime();
            List<MotionDigits.Video> videos = MotionDigits.generate(settings, digits.train(), digits.test(), out,
                    System.err);
            System.out.printf(Locale.ROOT, "motion-digits: %d videos (%dx%d, %d frames) written to %s in %.1f s%n",
                    videos.size(), size, size, frames, out, (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }
}
