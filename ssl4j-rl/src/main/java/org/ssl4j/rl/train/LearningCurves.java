package org.ssl4j.rl.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.train.AtomicFiles;

/**
 * Learning curves of RL runs: the evaluations of a run as CSV ({@code env_steps,mean_return,return_1,...}, one row
 * per evaluation, written atomically and read back exactly), and a PNG plot of one or more curves (mean evaluation
 * return against environment steps, one colour per curve, drawn with Java2D).
 */
public final class LearningCurves {
    private static final String HEADER = "env_steps,mean_return";
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

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
        int width = 720;
        int height = 440;
        int left = 84;
        int right = 20;
        int top = 40;
        int bottom = 50;
        double maxSteps = 1;
        double maxReturn = 1;
        for (List<AgentTrainer.Evaluation> curve : curves.values()) {
            for (AgentTrainer.Evaluation e : curve) {
                maxSteps = Math.max(maxSteps, e.envSteps());
                maxReturn = Math.max(maxReturn, e.meanReturn());
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        g.drawRect(left, top, plotW, plotH);
        g.drawString(title, left, top - 15);
        g.drawString("environment steps", left + plotW / 2 - 50, height - 12);
        g.drawString("return", 4, top + plotH / 2);
        FontMetrics metrics = g.getFontMetrics();
        for (int i = 0; i <= 4; i++) { // step labels centred under their ticks, kept inside; returns right-aligned
            int x = left + plotW * i / 4;
            int y = top + plotH - plotH * i / 4;
            String steps = String.format(Locale.ROOT, "%.0f", maxSteps * i / 4);
            int stepsWidth = metrics.stringWidth(steps);
            g.drawString(steps, Math.min(x - stepsWidth / 2, width - stepsWidth - 2), top + plotH + 18);
            String value = String.format(Locale.ROOT, "%.0f", maxReturn * i / 4);
            g.drawString(value, left - 6 - metrics.stringWidth(value), y + 4);
        }
        int row = 0;
        for (Map.Entry<String, List<AgentTrainer.Evaluation>> entry : curves.entrySet()) {
            Color colour = COLOURS[row % COLOURS.length];
            g.setColor(colour);
            g.setStroke(new BasicStroke(2f));
            Path2D.Double line = new Path2D.Double();
            boolean first = true;
            for (AgentTrainer.Evaluation e : entry.getValue()) {
                double x = left + plotW * e.envSteps() / maxSteps;
                double y = top + plotH - plotH * e.meanReturn() / maxReturn;
                if (first) {
                    line.moveTo(x, y);
                    first = false;
                } else {
                    line.lineTo(x, y);
                }
            }
            g.draw(line);
            g.drawString(entry.getKey(), left + 10, top + 18 + 16 * row);
            row++;
        }
        g.dispose();
        AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    }

    /** One curve under one label, for {@link #writePng}. */
    public static Map<String, List<AgentTrainer.Evaluation>> single(String label, List<AgentTrainer.Evaluation> curve) {
        Map<String, List<AgentTrainer.Evaluation>> out = new LinkedHashMap<>();
        out.put(label, curve);
        return out;
    }
}
