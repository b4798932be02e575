package org.ssl4j.video.method.xdc;

import java.util.SplittableRandom;
import org.ssl4j.video.augment.ClipAugmentation;
import org.ssl4j.video.data.LayoutViews;
import org.ssl4j.video.data.SampleLayout;

/**
 * The two views XDC trains on, from an {@link XdcDataset} sample: the RGB clip augmented consistently over its frames
 * (view 0, the video encoder's input) and the log-mel spectrogram as read (view 1, the audio encoder's).
 *
 * @param augmentation the clip augmentation (one view per call), whose {@code size} the clip comes out at
 * @param layout where the parts of a sample lie ({@link XdcDataset#layout()})
 */
public record XdcViews(ClipAugmentation augmentation, SampleLayout layout) implements LayoutViews {
    @Override
    public int numViews() {
        return 2;
    }

    /** {@code (3, T, S, S)} at the augmentation's size, then {@code (1, mels, frames)}. */
    @Override
    public int[] shapeOf(int view) {
        return view == 0 ? new int[] {3, layout.shape(XdcDataset.CLIP)[1], augmentation.size(), augmentation.size()}
                : layout.shape(XdcDataset.AUDIO);
    }

    @Override
    public void apply(float[] sample, int[] sampleShape, SplittableRandom random, float[][] views, int position) {
        int[] clip = layout.shape(XdcDataset.CLIP);
        int frames = clip[1];
        int decoded = clip[2];
        augmentation.augmentClip(sample, layout.offset(XdcDataset.CLIP), frames, decoded, decoded, random, views[0],
                position * 3 * frames * augmentation.size() * augmentation.size());
        int audio = layout.length(XdcDataset.AUDIO);
        System.arraycopy(sample, layout.offset(XdcDataset.AUDIO), views[1], position * audio, audio);
    }
}
