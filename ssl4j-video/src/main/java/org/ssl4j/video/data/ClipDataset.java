package org.ssl4j.video.data;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.recipe.EnumValues;
import org.ssl4j.video.io.ClipSampler;
import org.ssl4j.video.io.VideoDecoder;

/**
 * The clips of a {@link VideoFolder} as a {@link VideoFolderDataset}, so that the core loader's worker threads
 * decode them ahead of the training step: sample {@code i} is {@code clipsPerVideo} clips of video {@code i}, shaped
 * {@code (clips, 3, T, height, width)}, RGB in [0, 1], at the times the {@link ClipSampler} draws from the sample's
 * own generator (so the same seed gives the same clips on any thread). Frames are scaled to {@code height x width}
 * by FFmpeg while decoding.
 *
 * <p>An unreadable video (corrupt, truncated, not a video) is either an error naming the file
 * ({@link OnCorrupt#FAIL}, the default) or skipped ({@link OnCorrupt#SKIP}): the next video of the same class takes
 * its place, the file is reported once on the log, and {@link #skipped} counts the distinct files skipped.
 */
public final class ClipDataset extends VideoFolderDataset {
    /** What an unreadable video does. */
    public enum OnCorrupt {
        /** Stops with a one-line error naming the file. */
        FAIL,
        /** Replaces it by the next video of its class, and counts it. */
        SKIP;

        /** Parses a recipe value ({@code fail}, {@code skip}), with a one-line error. */
        public static OnCorrupt parse(String value) {
            return EnumValues.parse(OnCorrupt.class, value, "data.onCorrupt");
        }
    }

    private final ClipSampler sampler;
    private final int height;
    private final int width;
    private final OnCorrupt onCorrupt;
    private final PrintStream log;
    private final Set<String> skippedFiles = ConcurrentHashMap.newKeySet();

    /**
     * @param videos the videos and their classes
     * @param sampler where clips are taken
     * @param height frame height of the clips
     * @param width frame width of the clips
     * @param onCorrupt what an unreadable video does
     * @param log where skipped files are reported
     */
    public ClipDataset(VideoFolder videos, ClipSampler sampler, int height, int width, OnCorrupt onCorrupt,
            PrintStream log) {
        super(videos);
        Ssl4jException.check(height >= 8 && width >= 8, "clip frames must be at least 8x8, got %dx%d", height, width);
        this.sampler = sampler;
        this.height = height;
        this.width = width;
        this.onCorrupt = onCorrupt;
        this.log = log;
    }

    @Override
    public int[] sampleShape() {
        return new int[] {sampler.clipsPerVideo(), 3, sampler.frames(), height, width};
    }

    @Override
    public void read(int index, float[] dst, int offset, SplittableRandom random) {
        Ssl4jException last = null;
        int label = label(index);
        for (int tried = 0, i = index; tried < size(); tried++, i = (i + 1) % size()) {
            if (tried > 0 && label(i) != label) {
                continue;
            }
            try {
                decode(i, dst, offset, random);
                return;
            } catch (Ssl4jException e) {
                if (onCorrupt == OnCorrupt.FAIL) {
                    throw e;
                }
                if (skippedFiles.add(id(i))) {
                    log.printf(Locale.ROOT, "skipping unreadable video %s: %s%n", id(i), e.getMessage());
                }
                last = e;
            }
        }
        throw new Ssl4jException("no readable video of class " + videos().classNames().get(label) + " (last: "
                + (last == null ? "none" : last.getMessage()) + ")");
    }

    /** The number of distinct unreadable files skipped so far. */
    public int skipped() {
        return skippedFiles.size();
    }

    private void decode(int index, float[] dst, int offset, SplittableRandom random) {
        int frames = sampler.frames();
        int plane = height * width;
        try (VideoDecoder decoder = VideoDecoder.open(videos().paths().get(index), width, height, 1)) {
            double[][] clips = sampler.clipTimes(decoder.info().seconds(), random);
            for (int c = 0; c < clips.length; c++) {
                float[][] pictures = decoder.framesAt(clips[c]); // (T) x (3, H, W)
                for (int ch = 0; ch < 3; ch++) {
                    for (int t = 0; t < frames; t++) {
                        System.arraycopy(pictures[t], ch * plane, dst,
                                offset + ((c * 3 + ch) * frames + t) * plane, plane);
                    }
                }
            }
        }
    }
}
