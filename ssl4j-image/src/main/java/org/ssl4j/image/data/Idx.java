package org.ssl4j.image.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.train.AtomicFiles;

/**
 * Reads and writes IDX files of unsigned bytes, gzipped or not (gzip is detected from the content, not the name): the
 * format of MNIST, Fashion-MNIST and EMNIST. Header: two zero bytes, the type code {@code 0x08}, the number of
 * dimensions, then each dimension as a big-endian int32; then the data in C order.
 */
public final class Idx {
    private static final int UNSIGNED_BYTE = 0x08;

    private Idx() {}

    /** Reads {@code file}; corrupt or truncated files raise an {@link Ssl4jException} naming the file. */
    public static IdxArray read(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            return read(file.toString(), raw);
        } catch (NoSuchFileException e) {
            throw new Ssl4jException(file + ": IDX file not found");
        } catch (IOException e) {
            throw new Ssl4jException(file + ": cannot read IDX file: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an IDX stream.
     *
     * @param name the file name for error messages
     */
    public static IdxArray read(String name, InputStream in) throws IOException {
        InputStream body = in.markSupported() ? in : new BufferedInputStream(in);
        body.mark(2);
        int b0 = body.read();
        int b1 = body.read();
        body.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            body = new GZIPInputStream(body, 1 << 16);
        }
        byte[] bytes;
        try {
            bytes = body.readAllBytes();
        } catch (EOFException | ZipException e) {
            throw new Ssl4jException(name + ": truncated or corrupt gzip stream: " + e.getMessage(), e);
        }
        return parse(name, bytes);
    }

    private static IdxArray parse(String name, byte[] bytes) {
        if (bytes.length < 4 || bytes[0] != 0 || bytes[1] != 0) {
            throw new Ssl4jException(name + ": not an IDX file (expected the magic 00 00 <type> <rank>)");
        }
        int type = bytes[2] & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new Ssl4jException(String.format(
                    "%s: IDX data type 0x%02X is not supported (expected 0x08, unsigned byte)", name, type));
        }
        int rank = bytes[3] & 0xFF;
        if (rank < 1 || bytes.length < 4 + 4 * rank) {
            throw new Ssl4jException(name + ": truncated IDX header (rank " + rank + ")");
        }
        int[] dims = new int[rank];
        long expected = 1;
        for (int i = 0; i < rank; i++) {
            int p = 4 + 4 * i;
            dims[i] = ((bytes[p] & 0xFF) << 24) | ((bytes[p + 1] & 0xFF) << 16) | ((bytes[p + 2] & 0xFF) << 8)
                    | (bytes[p + 3] & 0xFF);
            if (dims[i] < 0) {
                throw new Ssl4jException(name + ": IDX dimension " + i + " is negative");
            }
            expected *= dims[i];
        }
        long found = bytes.length - 4L - 4L * rank;
        if (found != expected) {
            throw new Ssl4jException(name + ": " + (found < expected ? "truncated" : "oversized") + " IDX file: "
                    + "header promises " + expected + " data bytes, found " + found);
        }
        byte[] data = new byte[(int) expected];
        System.arraycopy(bytes, 4 + 4 * rank, data, 0, data.length);
        return new IdxArray(dims, data);
    }

    /** Writes {@code array} to {@code file} atomically, gzipped when the name ends in {@code .gz}. */
    public static void write(Path file, IdxArray array) throws IOException {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        AtomicFiles.write(file, out -> {
            OutputStream target = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
            target.write(encode(array));
            if (target instanceof GZIPOutputStream g) {
                g.finish();
            }
        });
    }

    /** The IDX bytes of {@code array}. */
    public static byte[] encode(IdxArray array) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(8 + 4 * array.dims().length + array.data().length);
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeShort(0);
        out.writeByte(UNSIGNED_BYTE);
        out.writeByte(array.dims().length);
        for (int d : array.dims()) {
            out.writeInt(d);
        }
        out.write(array.data());
        out.flush();
        return buffer.toByteArray();
    }
}
