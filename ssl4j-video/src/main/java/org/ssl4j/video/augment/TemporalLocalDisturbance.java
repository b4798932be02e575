package org.ssl4j.video.augment;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.recipe.EnumValues;

/**
 * DSM's Temporal Local Disturbance (Wang et al. 2021, section 3.2): a copy of a clip that keeps its scene but breaks
 * its motion, DSM's intra-video negative. Each sample draws one of {@code kinds} uniformly:
 * <ul>
 *   <li>{@link Kind#OTHER_TIME}: a clip from another time of the same video (the official code's negative);</li>
 *   <li>{@link Kind#SHUFFLE}: the clip's frames permuted within consecutive windows of {@code window} frames, never
 *       all left in place;</li>
 *   <li>{@link Kind#STATIC}: one frame of the clip, drawn uniformly, repeated for its whole length;</li>
 *   <li>{@link Kind#REVERSE}: the clip played backwards, the same scene and the opposite motion (the arrow of time
 *       of Wei et al. 2018; not one of DSM's own choices).</li>
 * </ul>
 *
 * @param kinds the disturbances drawn from, uniformly
 * @param window the shuffle's window length in frames (&gt;= 2)
 */
public record TemporalLocalDisturbance(List<Kind> kinds, int window) {
    /** One way of breaking a clip's motion. */
    public enum Kind {
        /** A clip at another time of the same video. */
        OTHER_TIME,
        /** Frames permuted within local windows. */
        SHUFFLE,
        /** One frame repeated. */
        STATIC,
        /** The frames in reverse order. */
        REVERSE;

        /**
         * Parses a recipe value ({@code other-time}, {@code shuffle}, {@code static}, {@code reverse}), with a
         * one-line error.
         */
        public static Kind parse(String value) {
            return EnumValues.parse(Kind.class, value, "method.negatives");
        }
    }

    /**
     * Which clip the negative is made from and in which frame order.
     *
     * @param clip 0 for the anchor's clip, 1 for the clip from another time
     * @param frames the source frame of each output frame
     */
    public record Draw(int clip, int[] frames) {}

    /** Checks the values. */
    public TemporalLocalDisturbance {
        Ssl4jException.check(kinds != null && !kinds.isEmpty(), "method.negatives must name at least one of "
                + "other-time, shuffle, static, reverse");
        kinds = List.copyOf(kinds);
        Ssl4jException.check(window >= 2, "method.shuffleWindow must be >= 2, got %d", window);
    }

    /** Whether a second clip of each video is needed ({@link Kind#OTHER_TIME} is one of the kinds). */
    public boolean needsOtherClip() {
        return kinds.contains(Kind.OTHER_TIME);
    }

    /** Draws the disturbance of a clip of {@code frames} frames. */
    public Draw draw(int frames, SplittableRandom random) {
        Ssl4jException.check(frames >= 2, "temporal disturbance needs clips of >= 2 frames, got %d", frames);
        Kind kind = kinds.get(random.nextInt(kinds.size()));
        int[] order = new int[frames];
        switch (kind) {
            case OTHER_TIME -> {
                for (int t = 0; t < frames; t++) {
                    order[t] = t;
                }
                return new Draw(1, order);
            }
            case STATIC -> Arrays.fill(order, random.nextInt(frames));
            case REVERSE -> {
                for (int t = 0; t < frames; t++) {
                    order[t] = frames - 1 - t;
                }
            }
            default -> shuffle(order, random);
        }
        return new Draw(0, order);
    }

    /** Permutes each window of {@code order} in place, redrawing while every frame stays where it was. */
    private void shuffle(int[] order, SplittableRandom random) {
        boolean identity = true;
        while (identity) {
            for (int t = 0; t < order.length; t++) {
                order[t] = t;
            }
            for (int start = 0; start < order.length; start += window) {
                int end = Math.min(order.length, start + window);
                for (int i = end - 1; i > start; i--) { // Fisher-Yates within the window
                    int j = start + random.nextInt(i - start + 1);
                    int swap = order[i];
                    order[i] = order[j];
                    order[j] = swap;
                }
            }
            for (int t = 0; t < order.length && identity; t++) {
                identity = order[t] == t;
            }
        }
    }

    /**
     * Copies clip {@code (3, frames, h, w)} at {@code at} of {@code src} with its frames in {@code order} into
     * {@code dst}, a clip-sized array.
     */
    public static void reorder(float[] src, int at, int[] order, int h, int w, float[] dst) {
        int plane = h * w;
        int frames = order.length;
        for (int c = 0; c < 3; c++) {
            for (int t = 0; t < frames; t++) {
                System.arraycopy(src, at + (c * frames + order[t]) * plane, dst, (c * frames + t) * plane, plane);
            }
        }
    }
}
