package org.ssl4j.video.compressed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.train.AtomicFiles;

/**
 * An on-disk cache of a video's {@link MotionField}s, so that an epoch after the first reads motion maps instead of
 * decoding. One gzip file per (video, stride), named by a hash of the video's absolute path, size, modification time
 * and the stride, so a changed video misses the cache. Files are written atomically ({@link AtomicFiles}); a cache
 * file that cannot be read (truncated, another version) is reported, recomputed and replaced, never trusted.
 *
 * <p>Format (big-endian, inside gzip): the magic {@code SSL4JMVF}, a version int (1), the field count, then per field:
 * index (int), seconds (double), picture type (char), keyframe (boolean), height, width, stride (ints),
 * {@code 2 * height * width} floats of motion and {@code height * width} ints of coverage. An internal format,
 * read only by this class: NumPy's npz would need the engine (DJL's encoder) in every loader worker for a record of a
 * few fields.
 */
public final class MotionFieldCache {
    private static final byte[] MAGIC = "SSL4JMVF".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private final Path dir;
    private final int stride;
    private final PrintStream log;

    /**
     * @param dir the cache folder (created when first written)
     * @param stride pixels per cell of the cached maps
     * @param log where unreadable cache files are reported
     */
    public MotionFieldCache(Path dir, int stride, PrintStream log) {
        Ssl4jException.check(stride >= 1, "motion-vector stride must be >= 1, got %d", stride);
        this.dir = dir;
        this.stride = stride;
        this.log = log;
    }

    /** The video's motion fields, from the cache when it holds them, else read (one decoder thread) and stored. */
    public List<MotionField> fields(Path video) {
        Path file = fileFor(video);
        if (Files.isRegularFile(file)) {
            try {
                return read(file);
            } catch (IOException | RuntimeException e) {
                log.println("motion cache " + file + " of " + video + " is unreadable (" + e.getMessage()
                        + "); recomputing");
            }
        }
        List<MotionField> fields;
        try (MotionVectorReader reader = MotionVectorReader.open(video, stride, 1)) {
            fields = reader.readAll();
        }
        write(file, fields);
        return fields;
    }

    /** The cache file of a video: a hash of its path, size, modification time and the stride. */
    Path fileFor(Path video) {
        try {
            Path absolute = video.toAbsolutePath().normalize();
            String key = absolute + "|" + Files.size(absolute) + "|" + Files.getLastModifiedTime(absolute).toMillis()
                    + "|" + stride;
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(hash, 0, 16) + ".mvf.gz");
        } catch (IOException e) {
            throw new Ssl4jException("video file " + video + " is unreadable: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void write(Path file, List<MotionField> fields) {
        try {
            AtomicFiles.write(file, stream -> {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(stream)));
                out.write(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(fields.size());
                for (MotionField f : fields) {
                    out.writeInt(f.index());
                    out.writeDouble(f.seconds());
                    out.writeChar(f.pictureType());
                    out.writeBoolean(f.keyFrame());
                    out.writeInt(f.height());
                    out.writeInt(f.width());
                    out.writeInt(f.stride());
                    for (float v : f.motion()) {
                        out.writeFloat(v);
                    }
                    for (int c : f.coverage()) {
                        out.writeInt(c);
                    }
                }
                out.close(); // finishes the gzip trailer; AtomicFiles keeps its own channel open
            });
        } catch (IOException e) {
            throw new Ssl4jException("cannot write motion cache " + file + ": " + e.getMessage(), e);
        }
    }

    static List<MotionField> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(
                Files.newInputStream(file))))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a motion cache file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("version " + version + ", expected " + VERSION);
            }
            int count = in.readInt();
            if (count < 0 || count > 10_000_000) {
                throw new IOException("implausible field count " + count);
            }
            List<MotionField> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = in.readInt();
                double seconds = in.readDouble();
                char type = in.readChar();
                boolean key = in.readBoolean();
                int h = in.readInt();
                int w = in.readInt();
                int s = in.readInt();
                if (h < 1 || w < 1 || (long) h * w > 1 << 24 || s < 1) {
                    throw new IOException("implausible map size " + h + "x" + w + " stride " + s);
                }
                float[] motion = new float[2 * h * w];
                for (int j = 0; j < motion.length; j++) {
                    motion[j] = in.readFloat();
                }
                int[] coverage = new int[h * w];
                for (int j = 0; j < coverage.length; j++) {
                    coverage[j] = in.readInt();
                }
                out.add(new MotionField(index, seconds, type, key, h, w, s, motion, coverage));
            }
            return out;
        }
    }
}
