package org.ssl4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ssl4j.core.Ssl4jException;

/**
 * The checkpoints of a run: {@code checkpoints/step-NNNNNNNN.npz}, each a NumPy {@code .npz} archive (readable with
 * {@code numpy.load}) written by DJL's NPZ encoder. Arrays are stored under their state names; whole numbers (the
 * step, the optimiser's step count, a queue position) as int64 arrays under {@code counter/}. A checkpoint is written
 * to a temporary file and renamed, and only the newest {@code keep} are kept. Reading checks every entry's CRC (the
 * zip format's), so a damaged or truncated file is detected and the previous checkpoint is used instead.
 */
public final class Checkpoints {
    /** Prefix of the whole-number entries. */
    public static final String COUNTER = "counter/";
    private static final Pattern FILE = Pattern.compile("step-(\\d{8,})\\.npz");

    private final Path dir;
    private final int keep;

    /** A checkpoint read back: the step it was written after, its arrays on the caller's manager, its counters. */
    public record Loaded(long step, Path file, Map<String, NDArray> arrays, Map<String, Long> counters) {
        /** The counter {@code name}; a checkpoint without it is a one-line error naming the file. */
        public long counter(String name) {
            Long value = counters.get(name);
            Ssl4jException.check(value != null, "%s has no %s", file, name);
            return value;
        }
    }

    /**
     * @param dir the run's {@code checkpoints} directory
     * @param keep how many of the newest checkpoints to keep, at least 1
     */
    public Checkpoints(Path dir, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1: " + keep);
        }
        this.dir = dir;
        this.keep = keep;
    }

    /** The checkpoint files present, newest first. */
    public List<Path> files() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> FILE.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(Checkpoints::stepOf).reversed())
                    .toList();
        }
    }

    private static long stepOf(Path file) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a checkpoint file: " + file);
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * Writes the checkpoint taken after {@code step} steps and deletes all but the newest {@code keep}.
     *
     * @param arrays live arrays by name; they are copied, not moved
     * @param counters whole numbers by name
     * @return the file written
     */
    public Path save(long step, Map<String, NDArray> arrays, Map<String, Long> counters) throws IOException {
        Path file = dir.resolve(String.format(Locale.ROOT, "step-%08d.npz", step));
        NDManager owner = arrays.values().iterator().next().getManager();
        try (NDManager scope = owner.newSubManager()) {
            NDList list = new NDList(arrays.size() + counters.size() + 1);
            for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
                NDArray copy = e.getValue().duplicate();
                copy.attach(scope);
                copy.setName(e.getKey());
                list.add(copy);
            }
            Map<String, Long> all = new LinkedHashMap<>(counters);
            all.put("step", step);
            for (Map.Entry<String, Long> e : all.entrySet()) {
                NDArray value = scope.create(new long[] {e.getValue()});
                value.setName(COUNTER + e.getKey());
                list.add(value);
            }
            AtomicFiles.write(file, out -> list.encode(out, NDList.Encoding.NPZ));
        }
        List<Path> files = files();
        for (Path old : files.subList(Math.min(keep, files.size()), files.size())) {
            Files.deleteIfExists(old);
        }
        return file;
    }

    /**
     * Reads the newest checkpoint that is intact, reporting each damaged one it skips on {@code log}.
     *
     * @param manager where the arrays are created (the caller copies them into place and closes them)
     * @return the checkpoint, or empty when the directory holds none
     * @throws Ssl4jException when checkpoints exist but none is readable
     */
    public Optional<Loaded> loadLatest(NDManager manager, PrintStream log) throws IOException {
        List<Path> files = files();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                return Optional.of(load(file, manager));
            } catch (Ssl4jException e) {
                problems.add(e.getMessage());
                log.println("warning: " + e.getMessage() + "; trying the previous checkpoint");
            }
        }
        if (!files.isEmpty()) {
            throw new Ssl4jException(dir + ": no intact checkpoint (" + String.join("; ", problems) + ")");
        }
        return Optional.empty();
    }

    /** Reads one checkpoint file, failing with a one-line {@link Ssl4jException} if it is damaged. */
    public static Loaded load(Path file, NDManager manager) {
        NDList list;
        try (NDManager scope = manager.newSubManager(); InputStream in = Files.newInputStream(file)) {
            list = NDList.decode(scope, in);
            list.attach(manager);
        } catch (IOException | RuntimeException e) {
            throw new Ssl4jException(file + " is damaged or truncated (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        Map<String, Long> counters = new LinkedHashMap<>();
        for (NDArray array : list) {
            String name = array.getName();
            if (name != null && name.startsWith(COUNTER)) {
                counters.put(name.substring(COUNTER.length()), array.toLongArray()[0]);
                array.close();
            } else {
                arrays.put(name, array);
            }
        }
        Long step = counters.remove("step");
        if (step == null || step != stepOf(file)) {
            throw new Ssl4jException(file + " is damaged: its step counter " + step + " does not match its name");
        }
        return new Loaded(step, file, arrays, counters);
    }
}
