package org.ssl4j.video.io;

import java.util.Locale;
import java.util.SplittableRandom;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.recipe.EnumValues;

/**
 * Where a video's clips are taken: {@code frames} frames, {@code stride} frames apart at {@code framesPerSecond}, so
 * a clip spans {@code (frames - 1) * stride / framesPerSecond} seconds; {@code clipsPerVideo} clips per video at
 * random starts (training, and the two positive clips of video MoCo), evenly spread starts (test-time clip
 * averaging), or the centre. The times it returns are what {@link VideoDecoder#framesAt} takes.
 *
 * @param frames frames per clip (T)
 * @param stride frames of the sampling rate between two clip frames
 * @param framesPerSecond the sampling rate
 * @param position how clip starts are chosen
 * @param clipsPerVideo clips per video
 */
public record ClipSampler(int frames, int stride, double framesPerSecond, Position position, int clipsPerVideo) {
    /** How clip starts are chosen. */
    public enum Position {
        /** Uniformly at random over the video, independently for each clip. */
        RANDOM,
        /** Evenly spread from the first possible start to the last. */
        UNIFORM,
        /** In the middle of the video. */
        CENTRE;

        /** Parses a recipe value ({@code random}, {@code uniform}, {@code centre}), with a one-line error. */
        public static Position parse(String value) {
            return "center".equalsIgnoreCase(value) ? CENTRE : EnumValues.parse(Position.class, value, "clip position");
        }
    }

    /** Checks the values. */
    public ClipSampler {
        Ssl4jException.check(frames >= 1, "clip frames must be >= 1, got %d", frames);
        Ssl4jException.check(stride >= 1, "clip stride must be >= 1, got %d", stride);
        Ssl4jException.check(framesPerSecond > 0, "clip frame rate must be > 0, got %s", framesPerSecond);
        Ssl4jException.check(clipsPerVideo >= 1, "clips per video must be >= 1, got %d", clipsPerVideo);
        Ssl4jException.check(position != null, "clip position is missing");
    }

    /** Seconds from a clip's first frame to its last. */
    public double span() {
        return (frames - 1) * stride / framesPerSecond;
    }

    /**
     * The frame times of this video's clips.
     *
     * @param seconds the video's duration; a shorter video than a clip gives clips from 0 whose late frames repeat
     *     the last one
     * @param random the generator of random starts (unused otherwise)
     * @return {@code clipsPerVideo} arrays of {@code frames} non-decreasing times
     */
    public double[][] clipTimes(double seconds, SplittableRandom random) {
        Ssl4jException.check(seconds > 0, "video duration must be > 0, got %s", seconds);
        double lastStart = Math.max(0, seconds - span() - 1 / framesPerSecond); // the last frame must start in time
        double[][] out = new double[clipsPerVideo][frames];
        for (int c = 0; c < clipsPerVideo; c++) {
            double start = switch (position) {
                case RANDOM -> random.nextDouble() * lastStart;
                case UNIFORM -> clipsPerVideo == 1 ? lastStart / 2 : lastStart * c / (clipsPerVideo - 1);
                case CENTRE -> lastStart / 2;
            };
            for (int f = 0; f < frames; f++) {
                out[c][f] = start + f * stride / framesPerSecond;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d frames x stride %d at %.3g fps, %s, %d per video", frames, stride,
                framesPerSecond, position.name().toLowerCase(Locale.ROOT), clipsPerVideo);
    }
}
