package org.ssl4j.video.method.modist;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.ViewTransform;
import org.ssl4j.video.augment.ClipAugmentation;

/**
 * The four views MoDist trains on, from a {@link ModistDataset} sample: RGB clips A and B, each augmented
 * consistently over its frames by its own draw (views 0 and 1, the Visual pathway's query and key), and the flow
 * under each (views 2 and 3, the Motion pathway's), cropped and mirrored as its RGB clip was
 * ({@link ClipAugmentation#cropVectors}), divided by {@code bound} and clipped to [-1, 1]. Colour jitter does not
 * touch flow.
 *
 * @param augmentation the clip augmentation (one view per call), whose {@code size} the RGB views come out at
 * @param layout where the parts of a sample lie
 * @param bound the flow, in cells of the cropped flow map, that maps to 1
 */
public record ModistViews(ClipAugmentation augmentation, ModistDataset.Layout layout, double bound)
        implements ViewTransform {

    @Override
    public int numViews() {
        return 4;
    }

    @Override
    public int[] viewShape(int[] sampleShape) {
        return viewShape(0, sampleShape);
    }

    /** Twice {@code (3, T, S, S)} at the augmentation's size, then twice {@code (2, T, f, f)}. */
    @Override
    public int[] viewShape(int view, int[] sampleShape) {
        Ssl4jException.check(sampleShape.length == 1 && sampleShape[0] == layout.sampleLength(),
                "MoDist views need samples of %d floats (two clips and their flow), got %s", layout.sampleLength(),
                Arrays.toString(sampleShape));
        int[] clip = layout.clip();
        return view < 2 ? new int[] {3, clip[1], augmentation.size(), augmentation.size()} : layout.flow().clone();
    }

    @Override
    public void apply(float[] sample, int[] sampleShape, SplittableRandom random, float[][] views, int position) {
        int frames = layout.clip()[1];
        int decoded = layout.clip()[2];
        int f = layout.flow()[2];
        int rgbLength = 3 * frames * augmentation.size() * augmentation.size();
        int flowLength = layout.flowLength();
        for (int c = 0; c < 2; c++) {
            ClipAugmentation.Crop crop = augmentation.augmentClip(sample, c * layout.clipLength(), frames, decoded,
                    decoded, random, views[c], position * rgbLength);
            int out = position * flowLength;
            ClipAugmentation.cropVectors(sample, 2 * layout.clipLength() + c * flowLength, frames, f, crop, decoded,
                    views[2 + c], out);
            for (int i = out; i < out + flowLength; i++) {
                views[2 + c][i] = (float) Math.max(-1, Math.min(1, views[2 + c][i] / bound));
            }
        }
    }
}
