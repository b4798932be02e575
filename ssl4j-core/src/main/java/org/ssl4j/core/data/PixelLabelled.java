package org.ssl4j.core.data;

/**
 * A dataset of images with a class for every pixel (a segmentation label map of the image's height and width), for
 * dense evaluations such as the per-pixel linear probe.
 */
public interface PixelLabelled extends Dataset {
    /** Number of pixel classes, background included. */
    int numPixelClasses();

    /** Copies sample {@code index}'s label map, {@code H * W} classes in row-major order, into {@code dst} from
     * {@code offset}. */
    void readPixelLabels(int index, int[] dst, int offset);
}
