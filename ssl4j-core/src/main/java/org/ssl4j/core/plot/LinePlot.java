package org.ssl4j.core.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ssl4j.core.train.AtomicFiles;

/**
 * A PNG line plot of one or more series against a shared x axis from 0, with a title, axis labels and a legend, drawn
 * with Java2D and written atomically: the figures runs leave beside their CSVs (RL learning curves, the number of
 * CURL's components over a stream). A plotting library (JFreeChart, XChart) would add a dependency for what is one
 * plot type.
 */
public final class LinePlot {
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

    /**
     * One series.
     *
     * @param x the points' x, ascending
     * @param y the points' y
     */
    public record Series(double[] x, double[] y) {}

    private LinePlot() {}

    /** An insertion-ordered map for the series, by legend label. */
    public static Map<String, Series> series() {
        return new LinkedHashMap<>();
    }

    /**
     * Plots {@code series} (by legend label, in legend order) into {@code file}; both axes start at 0.
     *
     * @param xLabel the x axis's name
     * @param yLabel the y axis's name
     */
    public static void write(Map<String, Series> series, String title, String xLabel, String yLabel, Path file)
            throws IOException {
        int width = 720;
        int height = 440;
        int left = 84;
        int right = 20;
        int top = 40;
        int bottom = 50;
        double maxX = 1;
        double maxY = 1;
        for (Series s : series.values()) {
            for (int i = 0; i < s.x().length; i++) {
                maxX = Math.max(maxX, s.x()[i]);
                maxY = Math.max(maxY, s.y()[i]);
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
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(xLabel, left + (plotW - metrics.stringWidth(xLabel)) / 2, height - 12);
        g.drawString(yLabel, 4, top + plotH / 2);
        for (int i = 0; i <= 4; i++) { // x labels centred under their ticks, kept inside; y labels right-aligned
            int x = left + plotW * i / 4;
            int y = top + plotH - plotH * i / 4;
            String xValue = String.format(Locale.ROOT, "%.0f", maxX * i / 4);
            int xWidth = metrics.stringWidth(xValue);
            g.drawString(xValue, Math.min(x - xWidth / 2, width - xWidth - 2), top + plotH + 18);
            String yValue = String.format(Locale.ROOT, maxY >= 20 ? "%.0f" : "%.1f", maxY * i / 4);
            g.drawString(yValue, left - 6 - metrics.stringWidth(yValue), y + 4);
        }
        int row = 0;
        for (Map.Entry<String, Series> entry : series.entrySet()) {
            g.setColor(COLOURS[row % COLOURS.length]);
            g.setStroke(new BasicStroke(2f));
            Path2D.Double line = new Path2D.Double();
            Series s = entry.getValue();
            for (int i = 0; i < s.x().length; i++) {
                double x = left + plotW * s.x()[i] / maxX;
                double y = top + plotH - plotH * s.y()[i] / maxY;
                if (i == 0) {
                    line.moveTo(x, y);
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
}
