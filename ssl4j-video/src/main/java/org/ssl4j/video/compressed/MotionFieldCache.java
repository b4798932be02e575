package org.ssl4j.video.compressed;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.io.DerivedDataCache;

/**
 * An on-disk cache of a video's {@link MotionField}s ({@link DerivedDataCache}, keyed by the video and the stride),
 * so that an epoch after the first reads motion maps instead of decoding.
 *
 * <p>Body format: the field count, then per field: index (int), seconds (double), picture type (char), keyframe
 * (boolean), height, width, stride (ints), {@code 2 * height * width} floats of motion and {@code height * width}
 * ints of coverage.
 */
public final class MotionFieldCache {
    private final DerivedDataCache<List<MotionField>> cache;
    private final int stride;

    /**
     * @param dir the cache folder (created when first written)
     * @param stride pixels per cell of the cached maps
     * @param log where unreadable cache files are reported
     */
    public MotionFieldCache(Path dir, int stride, PrintStream log) {
        Ssl4jException.check(stride >= 1, "motion-vector stride must be >= 1, got %d", stride);
        this.stride = stride;
        this.cache = new DerivedDataCache<>(dir, "SSL4JMVF", 1, "stride " + stride, ".mvf.gz",
                new DerivedDataCache.Codec<>() {
                    @Override
                    public void write(DataOutputStream out, List<MotionField> fields) throws IOException {
                        MotionFieldCache.write(out, fields);
                    }

                    @Override
                    public List<MotionField> read(DataInputStream in) throws IOException {
                        return MotionFieldCache.read(in);
                    }
                }, log);
    }

    /** The video's motion fields, from the cache when it holds them, else read (one decoder thread) and stored. */
    public List<MotionField> fields(Path video) {
        return cache.get(video, () -> {
            try (MotionVectorReader reader = MotionVectorReader.open(video, stride, 1)) {
                return reader.readAll();
            }
        });
    }

    /** The cache file of a video. */
    Path fileFor(Path video) {
        return cache.fileFor(video);
    }

    /** Reads a cache file of this stride's kind. */
    List<MotionField> read(Path file) throws IOException {
        return cache.read(file);
    }

    private static void write(DataOutputStream out, List<MotionField> fields) throws IOException {
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
    }

    private static List<MotionField> read(DataInputStream in) throws IOException {
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
