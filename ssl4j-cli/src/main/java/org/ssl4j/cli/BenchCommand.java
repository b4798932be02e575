package org.ssl4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.ssl4j.bench.Benchmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ssl4j bench}: measures ssl4j and the PyTorch-eager peer side by side (see docs/BENCHMARKS.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark ssl4j against PyTorch eager (Debian's python3-torch) in the same run: training steps,"
                + " augmentation, loader starvation, matrix-product peak, and the ffmpeg CLI for motion-vector extraction;"
                + " each figure in a fresh process."
                + " Prints Markdown tables with the ratio ssl4j / peer.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SUITE", arity = "0..*",
            description = "Any of matmul, step, augment, loader, video, memory, rl, rl-env (default: all but memory, "
                    + "rl and rl-env).")
    List<String> suites;

    @Option(names = "--threads", defaultValue = "2", description = "Engine threads for both sides (default 2).")
    int threads;

    @Option(names = "--warmup", defaultValue = "1",
            description = "Untimed steps per ResNet row; small-ConvNet rows take 8 times as many (default 1).")
    int warmup;

    @Option(names = "--steps", defaultValue = "3",
            description = "Timed steps per ResNet row, median reported; small-ConvNet rows take 4 times as many"
                    + " (default 3).")
    int steps;

    @Option(names = "--augment-batches", defaultValue = "20",
            description = "Batches of 256 per augmentation row (default 20).")
    int augmentBatches;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "The peer's interpreter, with torch and torchvision (default /usr/bin/python3).")
    String python;

    @Option(names = "--rounds", defaultValue = "1",
            description = "Runs of each row, alternating ssl4j and the peer; the median counts (default 1).")
    int rounds;

    @Option(names = "--no-peer", description = "Measure ssl4j only (no ratios).")
    boolean noPeer;

    @Option(names = "--memory-steps", defaultValue = "2000", description = "Length of the memory run (default 2000).")
    int memorySteps;

    @Option(names = "--memory-batch", defaultValue = "64", description = "Batch of the memory run (default 64).")
    int memoryBatch;

    @Option(names = "--ffmpeg", defaultValue = "ffmpeg",
            description = "The video peer, the ffmpeg CLI (default: ffmpeg on the PATH; Debian's package).")
    String ffmpeg;

    @Option(names = "--video-frames", defaultValue = "3000",
            description = "Frames of the video suite's 320x240 stream (default 3000).")
    int videoFrames;

    @Override
    public Integer call() {
        Benchmarks.Settings settings = new Benchmarks.Settings(
                suites == null || suites.isEmpty() ? Benchmarks.DEFAULT_SUITES : suites, threads, warmup, steps,
                augmentBatches, noPeer ? null : python, rounds, memorySteps, memoryBatch, noPeer ? null : ffmpeg,
                videoFrames);
        new Benchmarks(settings, System.out).run();
        return 0;
    }
}
