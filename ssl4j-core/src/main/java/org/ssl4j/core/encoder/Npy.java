package org.ssl4j.core.encoder;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes NumPy {@code .npy} files (format version 1.0: magic, little-endian header length, a Python-dict header padded
 * to 64 bytes, then the little-endian data), readable by {@code numpy.load}. Written by hand because DJL's NumPy
 * encoder is package-private and only reachable through {@code .npz} archives; DJL's public decoder reads the result
 * back in the tests.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private Npy() {}

    /** Writes a float32 matrix {@code (rows, cols)}, row-major. */
    public static void writeFloat32(OutputStream out, float[] data, int rows, int cols) throws IOException {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(data.length + " floats are not " + rows + " x " + cols);
        }
        header(out, "<f4", "(" + rows + ", " + cols + ")");
        ByteBuffer buffer = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(data);
        out.write(buffer.array());
        out.flush();
    }

    /** Writes an int64 vector {@code (n)}. */
    public static void writeInt64(OutputStream out, long[] data) throws IOException {
        header(out, "<i8", "(" + data.length + ",)");
        ByteBuffer buffer = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(data);
        out.write(buffer.array());
        out.flush();
    }

    private static void header(OutputStream out, String descr, String shape) throws IOException {
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + shape + ", }");
        int unpadded = MAGIC.length + 2 + header.length() + 1; // + the final newline
        header.append(" ".repeat((64 - unpadded % 64) % 64)).append('\n');
        DataOutputStream data = new DataOutputStream(out);
        data.write(MAGIC);
        int length = header.length();
        data.write(length & 0xFF);
        data.write((length >> 8) & 0xFF);
        data.write(header.toString().getBytes(StandardCharsets.US_ASCII));
        data.flush();
    }
}
