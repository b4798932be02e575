package org.ssl4j.video.method.dsm;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.ViewTransform;
import org.ssl4j.video.augment.ClipAugmentation;
import org.ssl4j.video.augment.SpatialLocalDisturbance;
import org.ssl4j.video.augment.TemporalLocalDisturbance;

/**
 * DSM's triplet of views of one video (Wang et al. 2021, section 3): view 0, the anchor, is the clip augmented; view 1,
 * the positive, is the clip augmented again and spatially disturbed (scene broken, motion kept); view 2, the
 * negative, is a temporally disturbed copy augmented (scene kept, motion broken). As in the official code every view
 * has its own draw of the clip augmentation. Samples are {@code (clips, 3, T, H, W)} with a second clip from another
 * time of the video when the temporal disturbance may need it.
 *
 * @param augmentation the clip augmentation of every view (its {@code views} is not used)
 * @param spatial the positive's disturbance
 * @param temporal the negative's disturbance
 */
public record DsmViews(ClipAugmentation augmentation, SpatialLocalDisturbance spatial,
        TemporalLocalDisturbance temporal) implements ViewTransform {
    /** Clips decoded per video: 2 when the negative may come from another time, else 1. */
    public int clipsPerSample() {
        return temporal.needsOtherClip() ? 2 : 1;
    }

    @Override
    public int numViews() {
        return 3;
    }

    /** {@code (3, T, size, size)} from samples {@code (clipsPerSample, 3, T, H, W)}. */
    @Override
    public int[] viewShape(int[] sampleShape) {
        Ssl4jException.check(sampleShape.length == 5 && sampleShape[0] == clipsPerSample() && sampleShape[1] == 3,
                "DSM views need samples of %d RGB clips (clips, 3, T, H, W), got %s", clipsPerSample(),
                Arrays.toString(sampleShape));
        return new int[] {3, sampleShape[2], augmentation.size(), augmentation.size()};
    }

    @Override
    public void apply(float[] sample, int[] sampleShape, SplittableRandom random, float[][] views, int position) {
        int frames = sampleShape[2];
        int h = sampleShape[3];
        int w = sampleShape[4];
        int size = augmentation.size();
        int offset = position * 3 * frames * size * size;
        augmentation.augmentClip(sample, 0, frames, h, w, random, views[0], offset);
        augmentation.augmentClip(sample, 0, frames, h, w, random, views[1], offset);
        spatial.apply(views[1], offset, frames, size, size, random);
        TemporalLocalDisturbance.Draw draw = temporal.draw(frames, random);
        float[] disturbed = new float[3 * frames * h * w];
        TemporalLocalDisturbance.reorder(sample, draw.clip() * disturbed.length, draw.frames(), h, w, disturbed);
        augmentation.augmentClip(disturbed, 0, frames, h, w, random, views[2], offset);
    }
}
