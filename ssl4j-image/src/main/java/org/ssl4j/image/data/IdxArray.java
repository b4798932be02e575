package org.ssl4j.image.data;

import java.util.Arrays;

/**
 * The content of an IDX file (LeCun et al., the MNIST format) of unsigned bytes: its dimensions and data in C order.
 *
 * @param dims the dimensions, first the number of items
 * @param data {@code prod(dims)} bytes
 */
public record IdxArray(int[] dims, byte[] data) {
    /** Validates that the data length matches the dimensions. */
    public IdxArray {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("dims " + Arrays.toString(dims) + " need " + n + " bytes, got "
                    + data.length);
        }
    }

    /** Number of items (the first dimension). */
    public int count() {
        return dims[0];
    }
}
