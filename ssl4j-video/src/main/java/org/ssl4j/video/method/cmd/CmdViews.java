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
        for (int v = 2; v < 4; v++) { // the future and the other-time motion vectors
            ClipAugmentation.cropVectors(sample, n[0] + n[1] + (v - 2) * n[2], motion[1], motion[2], crop, decoded,
                    views[v], position * n[2]);
        }
    }
}
