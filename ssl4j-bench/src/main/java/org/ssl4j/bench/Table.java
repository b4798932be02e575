package org.ssl4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One benchmark's results as a Markdown table: a label column, then the suite's own columns. */
public final class Table {
    private final String name;
    private final String title;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String name, String title, List<String> headers) {
        this.name = name;
        this.title = title;
        this.headers = List.copyOf(headers);
    }

    /** The suite's name, e.g. {@code step}. */
    public String name() {
        return name;
    }

    /** The rows, each a label followed by one cell per header. */
    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    void row(String label, String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        row.add(label);
        row.addAll(List.of(cells));
        rows.add(row);
    }

    /**
     * A row of ssl4j against the peer: both figures of {@code field}, their ratio, with {@code flopRate} the FLOP rate
     * that the peer's count of training FLOPs per image implies for ssl4j, and both peak memories.
     */
    void add(String label, JsonNode ours, JsonNode peer, String field, boolean flopRate) {
        double a = ours.get(field).asDouble();
        String peerFigure = peer == null ? "-" : Benchmarks.fmt(peer.get(field).asDouble());
        String ratio = peer == null ? "-" : String.format(Locale.ROOT, "%.3f", a / peer.get(field).asDouble());
        List<String> cells = new ArrayList<>(List.of(Benchmarks.fmt(a), peerFigure, ratio));
        if (flopRate) {
            cells.add(peer == null ? "-" : Benchmarks.fmt(a * peer.get("train_gflop_per_image").asDouble()));
        }
        cells.add(Benchmarks.fmt(ours.get("peak_rss_mb").asDouble()));
        cells.add(peer == null ? "-" : Benchmarks.fmt(peer.get("peak_rss_mb").asDouble()));
        row(label, cells.toArray(String[]::new));
    }

    /** Prints the title and the table. */
    void print(PrintStream out) {
        out.println();
        out.println("## " + name + ": " + title);
        out.println();
        List<String> all = new ArrayList<>();
        all.add("case");
        all.addAll(headers);
        out.println("| " + String.join(" | ", all) + " |");
        out.println("|" + "---|".repeat(all.size()));
        for (List<String> row : rows) {
            out.println("| " + String.join(" | ", row) + " |");
        }
        out.println();
    }
}
