package org.ssl4j.video.method.modist;

import java.util.SplittableRandom;
import org.ssl4j.video.augment.ClipAugmentation;
import org.ssl4j.video.data.LayoutViews;
import org.ssl4j.video.data.SampleLayout;

/**
 * The four views MoDist trains on, from a {@link ModistDataset} sample: RGB clips A and B, each augmented
 * consistently over its frames by its own draw (views 0 and 1, the Visual pathway's query and key), and the flow
 * under each (views 2 and 3, the Motion pathway's), cropped and mirrored as its RGB clip was
 * ({@link ClipAugmentation#cropVectors}), divided by {@code bound} and clipped to [-1, 1]. Colour jitter does not
 * touch flow.
 *
 * @param augmentation the clip augmentation (one view per call), whose {@code size} the RGB views come out at
 * @param layout where the parts of a sample lie ({@link ModistDataset#layout()})
 * @param bound the flow, in cells of the cropped flow map, that maps to 1
 */
public record ModistViews(ClipAugmentation augmentation, SampleLayout layout, double bound) implements LayoutViews {

    @Override
    public int numViews() {
        return 4;
    }

    /** Twice {@code (3, T, S, S)} at the augmentation's size, then twice {@code (2, T, f, f)}. */
    @Override
    public int[] shapeOf(int view) {
        int frames = layout.shape(ModistDataset.CLIP_A)[1];
        return view < 2 ? new int[] {3, frames, augmentation.size(), augmentation.size()}
                : layout.shape(ModistDataset.FLOW_A);
    }

    @Override
    public void apply(float[] sample, int[] sampleShape, SplittableRandom random, float[][] views, int position) {
        int[] clip = layout.shape(ModistDataset.CLIP_A);
        int frames = clip[1];
        int decoded = clip[2];
        int f = layout.shape(ModistDataset.FLOW_A)[2];
        int rgbLength = 3 * frames * augmentation.size() * augmentation.size();
        int flowLength = layout.length(ModistDataset.FLOW_A);
        for (int c = 0; c < 2; c++) {
            ClipAugmentation.Crop crop = augmentation.augmentClip(sample, layout.offset(ModistDataset.CLIP_A + c),
                    frames, decoded, decoded, random, views[c], position * rgbLength);
            int out = position * flowLength;
            ClipAugmentation.cropVectors(sample, layout.offset(ModistDataset.FLOW_A + c), frames, f, crop, decoded,
                    views[2 + c], out);
            for (int i = out; i < out + flowLength; i++) {
                views[2 + c][i] = (float) Math.max(-1, Math.min(1, views[2 + c][i] / bound));
            }
        }
    }
}
