package org.ssl4j.video.data;

import java.util.Arrays;
import org.ssl4j.core.Ssl4jException;

/**
 * Where the parts of a multi-part sample lie: one flat float array holding several tensors end to end, such as a clip
 * and its keyframe and motion vectors (CMD), two clips and their flow (MoDist), or a clip and its spectrogram (XDC).
 * The datasets of those methods write their samples in this order and their views read them back; a sample's shape
 * is one axis of {@link #sampleLength()} floats.
 */
public final class SampleLayout {
    private final String contents;
    private final int[][] shapes;
    private final int[] offsets;
    private final int sampleLength;

    /**
     * @param contents what the parts are, in words, for errors (e.g. "a clip and its spectrogram")
     * @param shapes each part's shape, in the order they lie
     */
    public SampleLayout(String contents, int[]... shapes) {
        this.contents = contents;
        this.shapes = new int[shapes.length][];
        this.offsets = new int[shapes.length];
        int at = 0;
        for (int p = 0; p < shapes.length; p++) {
            this.shapes[p] = shapes[p].clone();
            offsets[p] = at;
            at += Arrays.stream(shapes[p]).reduce(1, (a, b) -> a * b);
        }
        this.sampleLength = at;
    }

    /** The shape of part {@code part}. */
    public int[] shape(int part) {
        return shapes[part].clone();
    }

    /** The floats of part {@code part}. */
    public int length(int part) {
        return (part + 1 < offsets.length ? offsets[part + 1] : sampleLength) - offsets[part];
    }

    /** Where part {@code part} starts in a sample. */
    public int offset(int part) {
        return offsets[part];
    }

    /** The floats of a whole sample. */
    public int sampleLength() {
        return sampleLength;
    }

    /** A sample's shape: one flat axis. */
    public int[] sampleShape() {
        return new int[] {sampleLength};
    }

    /** Fails with a one-line error unless {@code sampleShape} is this layout's. */
    public void check(int[] sampleShape) {
        Ssl4jException.check(sampleShape.length == 1 && sampleShape[0] == sampleLength,
                "these views need samples of %d floats (%s), got %s", sampleLength, contents,
                Arrays.toString(sampleShape));
    }
}
