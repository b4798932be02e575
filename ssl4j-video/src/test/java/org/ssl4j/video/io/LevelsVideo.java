package org.ssl4j.video.io;

import java.nio.file.Path;
import java.util.Arrays;

/** A test video whose frames say their own index: frame t is flat grey at level 0.1 + 0.02 t, 25 frames/s. */
public final class LevelsVideo {
    /** Frames written. */
    public static final int FRAMES = 40;
    /** Frames from one keyframe to the next. */
    public static final int GOP = 12;

    private LevelsVideo() {}

    /** Writes the 64x48 H.264 video to {@code file}. */
    public static Path write(Path file) {
        return write(file, VideoWriter.Codec.H264);
    }

    /** Writes the 64x48 video to {@code file} (whose extension picks the container) with {@code codec}. */
    public static Path write(Path file, VideoWriter.Codec codec) {
        try (VideoWriter writer = VideoWriter.open(file, 64, 48,
                new VideoWriter.Settings(codec, 25, GOP, 0, 500_000))) {
            for (int t = 0; t < FRAMES; t++) {
                float[] frame = new float[64 * 48];
                Arrays.fill(frame, level(t));
                writer.write(frame);
            }
        }
        return file;
    }

    /** The grey level of frame {@code t}. */
    public static float level(int t) {
        return 0.1f + 0.02f * t;
    }

    /** The mean of a decoded picture. */
    public static double mean(float[] pixels) {
        double sum = 0;
        for (float v : pixels) {
            sum += v;
        }
        return sum / pixels.length;
    }

    /** The index of the frame a decoded picture shows, from its mean level. */
    public static int frameIndex(float[] pixels) {
        return (int) Math.round((mean(pixels) - 0.1) / 0.02);
    }
}
