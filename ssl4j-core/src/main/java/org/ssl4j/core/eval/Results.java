package org.ssl4j.core.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.train.AtomicFiles;

/** Reads, appends to and prints a run's {@code results.json}: a JSON array of {@link ResultRow}s. */
public final class Results {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Results() {}

    /** The rows of {@code file}, or none if it does not exist. */
    public static List<ResultRow> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(JSON.readValue(file.toFile(), new TypeReference<List<ResultRow>>() {}));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Ssl4jException(file + ": not a results.json array of rows: " + e.getOriginalMessage(), e);
        }
    }

    /** Appends {@code rows} to {@code file} atomically. */
    public static void append(Path file, List<ResultRow> rows) throws IOException {
        List<ResultRow> all = read(file);
        all.addAll(rows);
        AtomicFiles.write(file, out -> JSON.writeValue(out, all));
    }

    /**
     * A table with one line per encoder and one column per protocol/metric, values in percent, e.g.
     *
     * <pre>
     * encoder      | linear top-1 | knn top-1
     * simclr       |        97.85 |     96.10
     * </pre>
     */
    public static String table(List<ResultRow> rows) {
        Map<String, Map<String, Double>> byEncoder = new LinkedHashMap<>();
        Set<String> columns = new LinkedHashSet<>();
        for (ResultRow row : rows) {
            String column = row.protocol() + " " + row.metric().replace("top1", "top-1");
            columns.add(column);
            byEncoder.computeIfAbsent(row.encoder(), k -> new LinkedHashMap<>()).put(column, row.value());
        }
        int first = Math.max("encoder".length(), byEncoder.keySet().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        sb.append(pad("encoder", first));
        for (String column : columns) {
            sb.append(" | ").append(column);
        }
        sb.append('\n');
        sb.append("-".repeat(first));
        for (String column : columns) {
            sb.append("-|-").append("-".repeat(column.length()));
        }
        sb.append('\n');
        byEncoder.forEach((encoder, values) -> {
            sb.append(pad(encoder, first));
            for (String column : columns) {
                Double value = values.get(column);
                String cell = value == null ? "-" : String.format(Locale.ROOT, "%.2f", 100 * value);
                sb.append(" | ").append(" ".repeat(Math.max(0, column.length() - cell.length()))).append(cell);
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
