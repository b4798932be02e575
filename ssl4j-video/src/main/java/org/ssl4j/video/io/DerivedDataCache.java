package org.ssl4j.video.io;

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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.train.AtomicFiles;

/**
 * An on-disk cache of what is derived from a video file at some cost (motion fields, optical flow), so that an epoch
 * after the first reads it instead of decoding. One gzip file per (video, settings), named by a hash of the video's
 * absolute path, size, modification time and the settings, so a changed video or other settings miss the cache.
 * Files are written atomically ({@link AtomicFiles}: two loader workers deriving one video cannot interleave); a
 * file that cannot be read (truncated, another version) is reported, recomputed and replaced, never trusted.
 *
 * <p>Format (big-endian, inside gzip): an 8-byte magic naming the kind, a version int, then the {@link Codec}'s
 * body. An internal format, read only by ssl4j: NumPy's npz would need the engine in every loader worker.
 *
 * @param <T> what is cached per video
 */
public final class DerivedDataCache<T> {
    /** How one video's value is written after the header and read back. */
    public interface Codec<T> {
        /** Writes {@code value}. */
        void write(DataOutputStream out, T value) throws IOException;

        /** Reads a value; throws {@link IOException} for implausible content. */
        T read(DataInputStream in) throws IOException;
    }

    private final Path dir;
    private final byte[] magic;
    private final int version;
    private final String settings;
    private final String suffix;
    private final Codec<T> codec;
    private final PrintStream log;

    /**
     * @param dir the cache folder (created when first written)
     * @param magic 8 ASCII characters naming the kind of file
     * @param version the body format's version
     * @param settings what else the value depends on besides the video (a stride, a flow method and size)
     * @param suffix the files' extension, e.g. {@code .mvf.gz}
     * @param codec the body format
     * @param log where unreadable cache files are reported
     */
    public DerivedDataCache(Path dir, String magic, int version, String settings, String suffix, Codec<T> codec,
            PrintStream log) {
        this.magic = magic.getBytes(StandardCharsets.US_ASCII);
        if (this.magic.length != 8) {
            throw new IllegalArgumentException("cache magic must be 8 ASCII characters: " + magic);
        }
        this.dir = dir;
        this.version = version;
        this.settings = settings;
        this.suffix = suffix;
        this.codec = codec;
        this.log = log;
    }

    /** The value for {@code video}: from the cache when it holds it, else {@code compute}d and stored. */
    public T get(Path video, Supplier<T> compute) {
        Path file = fileFor(video);
        if (Files.isRegularFile(file)) {
            try {
                return read(file);
            } catch (IOException | RuntimeException e) {
                log.println("cache file " + file + " of " + video + " is unreadable (" + e.getMessage()
                        + "); recomputing");
            }
        }
        T value = compute.get();
        try {
            AtomicFiles.write(file, stream -> {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(stream)));
                out.write(magic);
                out.writeInt(version);
                codec.write(out, value);
                out.close(); // finishes the gzip trailer; AtomicFiles keeps its own channel open
            });
        } catch (IOException e) {
            throw new Ssl4jException("cannot write cache file " + file + ": " + e.getMessage(), e);
        }
        return value;
    }

    /** The cache file of a video: a hash of its path, size, modification time and the settings. */
    public Path fileFor(Path video) {
        try {
            Path absolute = video.toAbsolutePath().normalize();
            String key = absolute + "|" + Files.size(absolute) + "|" + Files.getLastModifiedTime(absolute).toMillis()
                    + "|" + settings;
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(hash, 0, 16) + suffix);
        } catch (IOException e) {
            throw new Ssl4jException("video file " + video + " is unreadable: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Reads a cache file; {@link IOException} if it is not one of this kind and version. */
    public T read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(
                Files.newInputStream(file))))) {
            if (!Arrays.equals(in.readNBytes(magic.length), magic)) {
                throw new IOException("not a " + new String(magic, StandardCharsets.US_ASCII) + " cache file");
            }
            int found = in.readInt();
            if (found != version) {
                throw new IOException("version " + found + ", expected " + version);
            }
            return codec.read(in);
        }
    }
}
