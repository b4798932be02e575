package org.ssl4j.rl.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.plot.LinePlot;
import org.ssl4j.core.train.AtomicFiles;

/**
 * Learning curves of RL runs: the evaluations of a run as CSV ({@code env_steps,mean_return,return_1,...}, one row
 * per evaluation, written atomically and read back exactly), and a PNG plot of one or more curves (mean evaluation
 * return against environment steps, one colour per curve, {@link LinePlot}).
 */
public final class LearningCurves {
    private static final String HEADER = "env_steps,mean_return";

    private LearningCurves() {}

    /** Writes {@code curve} to {@code file} as CSV. */
    public static void writeCsv(List<AgentTrainer.Evaluation> curve, Path file) throws IOException {
        int episodes = curve.stream().mapToInt(e -> e.returns().length).max().orElse(0);
        StringBuilder out = new StringBuilder(HEADER);
        for (int i = 1; i <= episodes; i++) {
            out.append(",return_").append(i);
        }
        out.append('\n');
        for (AgentTrainer.Evaluation e : curve) {
            out.append(e.envSteps()).append(',').append(format(e.meanReturn()));
            for (double r : e.returns()) {
                out.append(',').append(format(r));
            }
            out.append('\n');
        }
        AtomicFiles.writeString(file, out.toString());
    }

    /** The shortest decimal that reads back as the same double, so a resumed run's curve is the one it saved. */
    private static String format(double value) {
        return Double.toString(value);
    }

    /** Reads a curve {@link #writeCsv} wrote; a malformed file is a one-line error naming the file and line. */
    public static List<AgentTrainer.Evaluation> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Ssl4jException.check(!lines.isEmpty() && lines.get(0).startsWith(HEADER),
                "%s: not a learning curve (expected a header starting %s)", file, HEADER);
        List<AgentTrainer.Evaluation> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            try {
                double[] returns = Arrays.stream(cells, 2, cells.length).mapToDouble(Double::parseDouble).toArray();
                out.add(new AgentTrainer.Evaluation(Long.parseLong(cells[0]), Double.parseDouble(cells[1]), returns));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new Ssl4jException(file + ":" + (i + 1) + ": expected env_steps,mean_return,returns..., got '"
                        + lines.get(i) + "'", e);
            }
        }
        return out;
    }

    /**
     * Plots the curves, mean evaluation return against environment steps, with a legend.
     *
     * @param curves by label, in legend order
     */
    public static void writePng(Map<String, List<AgentTrainer.Evaluation>> curves, String title, Path file)
            throws IOException {
        Map<String, LinePlot.Series> series = LinePlot.series();
        curves.forEach((label, curve) -> series.put(label, new LinePlot.Series(
                curve.stream().mapToDouble(AgentTrainer.Evaluation::envSteps).toArray(),
                curve.stream().mapToDouble(AgentTrainer.Evaluation::meanReturn).toArray())));
        LinePlot.write(series, title, "environment steps", "return", file);
    }

    /** One curve under one label, for {@link #writePng}. */
    public static Map<String, List<AgentTrainer.Evaluation>> single(String label, List<AgentTrainer.Evaluation> curve) {
        Map<String, List<AgentTrainer.Evaluation>> out = new LinkedHashMap<>();
        out.put(label, curve);
        return out;
    }
}
