package org.ssl4j.core.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar with loss, learning rate, images/s and ETA. On a terminal it redraws in place; otherwise
 * (CI, redirected output) it prints a line at every tenth of the run so logs stay short.
 */
public final class ProgressBar implements TrainingListener {
    private static final int WIDTH = 24;

    private final PrintStream out;
    private final String label;
    private final boolean interactive;
    private long lastDraw;
    private String lastProbe = "";
    private int lastTenth = -1;

    /**
     * @param out where to draw (usually {@code System.err})
     * @param label a word in front of the bar
     * @param interactive redraw in place (true on a terminal)
     */
    public ProgressBar(PrintStream out, String label, boolean interactive) {
        this.out = out;
        this.label = label;
        this.interactive = interactive;
    }

    @Override
    public void onStep(StepInfo info) {
        if (!Double.isNaN(info.probeAccuracy())) {
            lastProbe = String.format(Locale.ROOT, " probe %.1f%%", 100 * info.probeAccuracy());
        }
        long done = info.step() + 1;
        if (interactive) {
            long now = System.nanoTime();
            if (now - lastDraw > 200_000_000L || done == info.totalSteps()) {
                out.print("\r" + line(info));
                out.flush();
                lastDraw = now;
            }
        } else {
            int tenth = (int) (10 * done / info.totalSteps());
            if (tenth != lastTenth) {
                out.println(line(info));
                lastTenth = tenth;
            }
        }
    }

    @Override
    public void onEnd(StepInfo last) {
        if (interactive) {
            out.println();
        }
    }

    String line(StepInfo info) {
        long done = info.step() + 1;
        double fraction = (double) done / info.totalSteps();
        int filled = (int) Math.round(fraction * WIDTH);
        long doneHere = done - info.firstStep();
        double eta = doneHere <= 0 ? 0 : info.secondsElapsed() / doneHere * (info.totalSteps() - done);
        return String.format(Locale.ROOT, "%s [%s%s] %d/%d %3.0f%% epoch %d loss %.4f lr %.2e%s %.0f img/s ETA %s",
                label, "#".repeat(filled), " ".repeat(WIDTH - filled), done, info.totalSteps(), 100 * fraction,
                info.epoch() + 1, info.loss(), info.learningRate(), lastProbe, info.imagesPerSecond(), duration(eta))
                .trim();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
