package org.ssl4j.image.data;

import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.Dataset;

/**
 * Images held in memory as unsigned bytes in {@code (N, C, H, W)} order, read as floats in [0, 1], with optional
 * labels. 10,000 MNIST digits take 7.8 MB.
 */
public final class ImageSet implements Dataset {
    private final byte[] pixels;
    private final int[] shape;
    private final int[] labels;
    private final int numClasses;
    private final int length;
    private final String[] ids;

    /**
     * @param pixels {@code N * C * H * W} bytes
     * @param shape one image's {@code {C, H, W}}
     * @param labels {@code N} classes in [0, 255], or {@code null}
     */
    public ImageSet(byte[] pixels, int[] shape, int[] labels) {
        this(pixels, shape, labels, null);
    }

    /**
     * @param pixels {@code N * C * H * W} bytes
     * @param shape one image's {@code {C, H, W}}
     * @param labels {@code N} classes, or {@code null}
     * @param ids {@code N} identifiers (such as file paths), or {@code null} for the indices
     */
    public ImageSet(byte[] pixels, int[] shape, int[] labels, String[] ids) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("image shape must be {C, H, W}");
        }
        this.length = shape[0] * shape[1] * shape[2];
        if (pixels.length % length != 0) {
            throw new IllegalArgumentException(pixels.length + " bytes is not a whole number of " + length + "-byte images");
        }
        int n = pixels.length / length;
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException(n + " images but " + labels.length + " labels");
        }
        if (ids != null && ids.length != n) {
            throw new IllegalArgumentException(n + " images but " + ids.length + " ids");
        }
        this.ids = ids;
        this.pixels = pixels;
        this.shape = shape.clone();
        this.labels = labels;
        int max = -1;
        if (labels != null) {
            for (int l : labels) {
                max = Math.max(max, l);
            }
        }
        this.numClasses = max + 1;
    }

    /**
     * Builds a dataset from IDX arrays: images {@code (N, H, W)} (grey) or {@code (N, H, W, C)} (channels last,
     * transposed here), and labels {@code (N)}.
     *
     * @param name names the source in errors
     * @param images the image array
     * @param labels the label array, or {@code null}
     */
    public static ImageSet fromIdx(String name, IdxArray images, IdxArray labels) {
        int[] d = images.dims();
        if (d.length != 3 && d.length != 4) {
            throw new Ssl4jException(name + ": IDX images must have rank 3 (N, H, W) or 4 (N, H, W, C), got rank "
                    + d.length);
        }
        int n = d[0];
        int h = d[1];
        int w = d[2];
        int c = d.length == 4 ? d[3] : 1;
        byte[] pixels = images.data();
        if (c > 1) {
            byte[] chw = new byte[pixels.length];
            for (int i = 0; i < n; i++) {
                int base = i * h * w * c;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        for (int ch = 0; ch < c; ch++) {
                            chw[base + (ch * h + y) * w + x] = pixels[base + (y * w + x) * c + ch];
                        }
                    }
                }
            }
            pixels = chw;
        }
        int[] classes = null;
        if (labels != null) {
            Ssl4jException.check(labels.dims().length == 1, "%s: IDX labels must have rank 1, got rank %d", name,
                    labels.dims().length);
            Ssl4jException.check(labels.count() == n, "%s: %d images but %d labels", name, n, labels.count());
            classes = new int[n];
            for (int i = 0; i < n; i++) {
                classes[i] = labels.data()[i] & 0xFF;
            }
        }
        return new ImageSet(pixels, new int[] {c, h, w}, classes);
    }

    @Override
    public int size() {
        return pixels.length / length;
    }

    @Override
    public int[] sampleShape() {
        return shape.clone();
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public int label(int index) {
        if (labels == null) {
            throw new IllegalStateException("dataset has no labels");
        }
        return labels[index];
    }

    @Override
    public String id(int index) {
        return ids == null ? Integer.toString(index) : ids[index];
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public void read(int index, float[] dst, int offset) {
        int base = index * length;
        for (int i = 0; i < length; i++) {
            dst[offset + i] = (pixels[base + i] & 0xFF) * (1f / 255f);
        }
    }
}
