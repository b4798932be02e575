package org.ssl4j.video.method.cmd;

import java.util.SplittableRandom;
import org.ssl4j.video.augment.ClipAugmentation;
import org.ssl4j.video.data.LayoutViews;
import org.ssl4j.video.data.SampleLayout;

/**
 * The four views context and motion decoupling trains on, from a {@link CmdDataset} sample: the RGB clip, augmented
 * consistently over its frames (view 0, the encoder's input); the keyframe, augmented by its own draw (view 1); the
 * future motion-vector clip (view 2) and the other-time one (view 3), cropped and mirrored as the RGB clip was, so
 * that a cell of the motion maps lies under the same part of the scene as the clip's cell above it, and the vectors
 * rescaled to the crop's cells. Colour jitter does not touch motion vectors.
 *
 * @param augmentation the clip augmentation (one view per call), whose {@code size} the RGB views come out at
 * @param layout where the parts of a sample lie ({@link CmdDataset#layout()})
 */
public record CmdViews(ClipAugmentation augmentation, SampleLayout layout) implements LayoutViews {

    @Override
    public int numViews() {
        return 4;
    }

    /** {@code (3, T, S, S)} and {@code (3, S, S)} at the augmentation's size, then twice {@code (2, T', m, m)}. */
    @Override
    public int[] shapeOf(int view) {
        int size = augmentation.size();
        return switch (view) {
            case 0 -> new int[] {3, layout.shape(CmdDataset.CLIP)[1], size, size};
            case 1 -> new int[] {3, size, size};
            default -> layout.shape(CmdDataset.FUTURE_MOTION);
        };
    }

    @Override
    public void apply(float[] sample, int[] sampleShape, SplittableRandom random, float[][] views, int position) {
        int[] clip = layout.shape(CmdDataset.CLIP);
        int frames = clip[1];
        int decoded = clip[2];
        int plane = augmentation.size() * augmentation.size();
        ClipAugmentation.Crop crop = augmentation.augmentClip(sample, 0, frames, decoded, decoded, random, views[0],
                position * 3 * frames * plane);
        augmentation.augmentClip(sample, layout.offset(CmdDataset.KEYFRAME), 1, decoded, decoded, random, views[1],
                position * 3 * plane);
        int[] motion = layout.shape(CmdDataset.FUTURE_MOTION);
        int length = layout.length(CmdDataset.FUTURE_MOTION);
        for (int v = 2; v < 4; v++) { // the future and the other-time motion vectors
            ClipAugmentation.cropVectors(sample, layout.offset(CmdDataset.FUTURE_MOTION + v - 2), motion[1], motion[2],
                    crop, decoded, views[v], position * length);
        }
    }
}
