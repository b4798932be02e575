package org.ssl4j.video.method.cmd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.ViewTransform;
import org.ssl4j.video.augment.ClipAugmentation;

/**
 * The four views context and motion decoupling trains on, from a {@link CmdDataset} sample: the RGB clip, augmented
 * consistently over its frames (view 0, the encoder's input); the keyframe, augmented by its own draw (view 1); the
 * future motion-vector clip (view 2) and the other-time one (view 3), cropped and mirrored as the RGB clip was, so
 * that a cell of the motion maps lies under the same part of the scene as the clip's cell above it, and the vectors
 * rescaled to the crop's cells. Colour jitter does not touch motion vectors.
 *
 * @param augmentation the clip augmentation (one view per call), whose {@code size} the RGB views come out at
 * @param layout where the parts of a sample lie
 */
public record CmdViews(ClipAugmentation augmentation, CmdDataset.Layout layout) implements ViewTransform {

    @Override
    public int numViews() {
        return 4;
    }

    @Override
    public int[] viewShape(int[] sampleShape) {
        return viewShape(0, sampleShape);
    }

    /** {@code (3, T, S, S)} and {@code (3, S, S)} at the augmentation's size, then twice {@code (2, T', m, m)}. */
    @Override
    public int[] viewShape(int view, int[] sampleShape) {
        Ssl4jException.check(sampleShape.length == 1 && sampleShape[0] == layout.sampleLength(),
                "CMD views need samples of %d floats (clip, keyframe and two motion-vector clips), got %s",
                layout.sampleLength(), Arrays.toString(sampleShape));
        int size = augmentation.size();
        return switch (view) {
            case 0 -> new int[] {3, layout.clip()[1], size, size};
            case 1 -> new int[] {3, size, size};
            default -> layout.motion().clone();
        };
    }

    @Override
    public void apply(float[] sample, int[] sampleShape, SplittableRandom random, float[][] views, int position) {
        int[] n = layout.lengths();
        int frames = layout.clip()[1];
        int decoded = layout.clip()[2];
        int plane = augmentation.size() * augmentation.size();
        ClipAugmentation.Crop crop = augmentation.augmentClip(sample, 0, frames, decoded, decoded, random, views[0],
                position * 3 * frames * plane);
        augmentation.augmentClip(sample, n[0], 1, decoded, decoded, random, views[1], position * 3 * plane);
        int[] motion = layout.motion();
        cropMotion(sample, n[0] + n[1], motion[1], motion[2], crop, decoded, views[2], position * n[2]);
        cropMotion(sample, n[0] + n[1] + n[2], motion[1], motion[2], crop, decoded, views[3], position * n[2]);
    }

    /**
     * Resamples the {@code (2, frames, m, m)} motion maps at {@code at}, which cover a {@code decoded}-pixel square
     * picture, to the box of {@code crop}, as {@code (2, frames, m, m)} in cells of the cropped map per frame.
     */
    static void cropMotion(float[] src, int at, int frames, int m, ClipAugmentation.Crop crop, int decoded,
            float[] dst, int offset) {
        double cells = (double) m / decoded; // source map cells per source pixel
        double[] gain = {decoded / crop.width(), decoded / crop.height()}; // a source cell in cropped cells
        if (crop.flipped()) {
            gain[0] = -gain[0];
        }
        int plane = m * m;
        for (int c = 0; c < 2; c++) {
            for (int t = 0; t < frames; t++) {
                int source = at + (c * frames + t) * plane;
                int out = offset + (c * frames + t) * plane;
                for (int y = 0; y < m; y++) {
                    double sy = (crop.y() + (y + 0.5) * crop.height() / m) * cells - 0.5;
                    for (int x = 0; x < m; x++) {
                        int xx = crop.flipped() ? m - 1 - x : x;
                        double sx = (crop.x() + (xx + 0.5) * crop.width() / m) * cells - 0.5;
                        dst[out + y * m + x] = (float) (ClipAugmentation.bilinear(src, source, m, m, sy, sx) * gain[c]);
                    }
                }
            }
        }
    }
}
