package org.ssl4j.core.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Appends one JSON object per logged step to {@code metrics.jsonl} (the loss in full float precision, so runs can be
 * compared exactly):
 * {@code {"step", "epoch", "loss", "lr", "gradNorm", "imagesPerSec", "seconds", "rssMb"}}, plus {@code "probeAcc"}
 * (the online probe's accuracy over the epoch) on the last step of each epoch, which is always logged. Lines are
 * flushed as written, so a killed run keeps every line up to the kill.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {
    private static final Pattern STEP = Pattern.compile("^\\{\"step\":(\\d+),");

    private final BufferedWriter writer;
    private final int every;

    /**
     * @param file the JSONL file, appended to
     * @param every log every this many steps (and the last step)
     */
    public MetricsLog(Path file, int every) throws IOException {
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        this.every = every;
    }

    /**
     * Drops the lines of steps after {@code step} (logged by a run that was killed after its last checkpoint), so that
     * a resumed run appends each step once. Rewrites the file atomically; a missing file is left missing.
     */
    public static void truncateAfter(Path file, long step) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher m = STEP.matcher(line);
            if (m.find() && Long.parseLong(m.group(1)) <= step) {
                kept.append(line).append('\n');
            }
        }
        AtomicFiles.writeString(file, kept.toString());
    }

    @Override
    public void onStep(StepInfo info) {
        boolean probe = !Double.isNaN(info.probeAccuracy());
        if ((info.step() + 1) % every != 0 && info.step() + 1 != info.totalSteps() && !probe) {
            return;
        }
        try {
            writer.write(String.format(Locale.ROOT,
                    "{\"step\":%d,\"epoch\":%d,\"loss\":%s,\"lr\":%.6e,\"gradNorm\":%.4g,\"imagesPerSec\":%.1f,"
                            + "\"seconds\":%.2f,\"rssMb\":%.1f%s}%n",
                    info.step() + 1, info.epoch(), Float.toString(info.loss()), info.learningRate(), info.gradNorm(),
                    info.imagesPerSecond(), info.secondsElapsed(), info.residentBytes() / 1048576.0,
                    probe ? String.format(Locale.ROOT, ",\"probeAcc\":%.4f", info.probeAccuracy()) : ""));
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
