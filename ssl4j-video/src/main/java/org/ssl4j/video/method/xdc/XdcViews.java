package org.ssl4j.video.method.xdc;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.ViewTransform;
import org.ssl4j.video.augment.ClipAugmentation;

/**
 * The two views XDC trains on, from an {@link XdcDataset} sample: the RGB clip augmented consistently over its frames
 * (view 0, the video encoder's input) and the log-mel spectrogram as read (view 1, the audio encoder's).
 *
 * @param augmentation the clip augmentation (one view per call), whose {@code size} the clip comes out at
 * @param layout where the parts of a sample lie
 */
public record XdcViews(ClipAugmentation augmentation, XdcDataset.Layout layout) implements ViewTransform {
    @Override
    public int numViews() {
        return 2;
    }

    @Override
    public int[] viewShape(int[] sampleShape) {
        return viewShape(0, sampleShape);
    }

    /** {@code (3, T, S, S)} at the augmentation's size, then {@code (1, mels, frames)}. */
    @Override
    public int[] viewShape(int view, int[] sampleShape) {
        Ssl4jException.check(sampleShape.length == 1 && sampleShape[0] == layout.sampleLength(),
                "XDC views need samples of %d floats (a clip and its spectrogram), got %s", layout.sampleLength(),
                Arrays.toString(sampleShape));
        return view == 0 ? new int[] {3, layout.clip()[1], augmentation.size(), augmentation.size()}
                : layout.audio().clone();
    }

    @Override
    public void apply(float[] sample, int[] sampleShape, SplittableRandom random, float[][] views, int position) {
        int frames = layout.clip()[1];
        int decoded = layout.clip()[2];
        augmentation.augmentClip(sample, 0, frames, decoded, decoded, random, views[0],
                position * 3 * frames * augmentation.size() * augmentation.size());
        System.arraycopy(sample, layout.clipLength(), views[1], position * layout.audioLength(),
                layout.audioLength());
    }
}
