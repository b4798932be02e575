package org.ssl4j.video.method.cmd;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.compressed.MotionField;

/**
 * Where the inputs of context and motion decoupling come from in one video (Huang et al. 2021, "Self-supervised video
 * representation learning by context and motion decoupling", section 3), all from the compressed stream: the RGB
 * clip; the keyframe nearest to it, the context the clip is matched with; the motion-vector clip that follows it
 * after a gap, the motion its features must predict; and a motion-vector clip from another time of the same video,
 * whose features are negatives of that prediction. Works on frame indices in display order, against the motion
 * fields of the video ({@link org.ssl4j.video.compressed.MotionVectorReader}), which carry the keyframe flags.
 *
 * @param clipFrames frames of the RGB clip
 * @param clipStride frames between two frames of the RGB clip
 * @param mvFrames frames of a motion-vector clip
 * @param mvStride frames between two frames of a motion-vector clip
 * @param gap frames between the RGB clip's last frame and the future motion-vector clip's first
 */
public record CmdSampling(int clipFrames, int clipStride, int mvFrames, int mvStride, int gap) {
    /**
     * One video's draw: frame indices of each input.
     *
     * @param clip the RGB clip's frames
     * @param keyframe the keyframe nearest to the clip's middle
     * @param future the motion-vector clip after the gap
     * @param other the motion-vector clip at another time, not overlapping {@code future}
     */
    public record Plan(int[] clip, int keyframe, int[] future, int[] other) {}

    /** Checks the values. */
    public CmdSampling {
        Ssl4jException.check(clipFrames >= 1 && clipStride >= 1 && mvFrames >= 1 && mvStride >= 1,
                "CMD clip and motion-vector frames and strides must be >= 1, got %d/%d and %d/%d", clipFrames,
                clipStride, mvFrames, mvStride);
        Ssl4jException.check(gap >= 0, "method.gap must be >= 0 frames, got %d", gap);
    }

    /** Frames one draw spans: the RGB clip, the gap and the future motion-vector clip. */
    public int span() {
        return clipLength() + gap + mvLength();
    }

    private int clipLength() {
        return (clipFrames - 1) * clipStride + 1;
    }

    private int mvLength() {
        return (mvFrames - 1) * mvStride + 1;
    }

    /**
     * Draws one video's inputs.
     *
     * @param fields the video's motion fields, one per frame in display order
     * @param random the sample's generator
     * @param video the file, for errors
     */
    public Plan plan(List<MotionField> fields, SplittableRandom random, String video) {
        int n = fields.size();
        Ssl4jException.check(n >= span(), "%s has %d frames; CMD needs %d (clip, gap and motion-vector clip)", video,
                n, span());
        int start = random.nextInt(n - span() + 1);
        int[] clip = frames(start, clipFrames, clipStride);
        int futureStart = start + clipLength() + gap;
        int[] future = frames(futureStart, mvFrames, mvStride);
        int length = mvLength();
        int[] otherStarts = IntStream.rangeClosed(0, n - length) // those that do not overlap the future clip
                .filter(s -> s + length <= futureStart || futureStart + length <= s).toArray();
        Ssl4jException.check(otherStarts.length > 0, "%s has %d frames; CMD's negatives need a motion-vector clip of"
                + " %d frames beside the one it predicts", video, n, length);
        return new Plan(clip, nearestKeyframe(fields, start + clipLength() / 2, video), future,
                frames(otherStarts[random.nextInt(otherStarts.length)], mvFrames, mvStride));
    }

    private static int[] frames(int start, int count, int stride) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = start + i * stride;
        }
        return out;
    }

    /** The keyframe whose index is nearest to {@code middle}; the earlier one on a tie. */
    private static int nearestKeyframe(List<MotionField> fields, int middle, String video) {
        int best = -1;
        for (MotionField field : fields) {
            if (field.keyFrame() && (best < 0 || Math.abs(field.index() - middle) < Math.abs(best - middle))) {
                best = field.index();
            }
        }
        Ssl4jException.check(best >= 0, "%s has no keyframe", video);
        return best;
    }
}
