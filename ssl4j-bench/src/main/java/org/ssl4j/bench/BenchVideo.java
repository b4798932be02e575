package org.ssl4j.bench;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.ssl4j.video.io.VideoWriter;

/**
 * The extraction benchmark's input: a 320x240 H.264 video (OpenH264, 25 frames/s, a keyframe every 12 frames) of a
 * textured background panning at a varying speed with three squares moving against it, so that the stream holds
 * mixed block sizes, many distinct vectors and some intra blocks, as camera footage does.
 */
final class BenchVideo {
    static final int WIDTH = 320;
    static final int HEIGHT = 240;

    private BenchVideo() {}

    /** Writes {@code frames} frames to {@code file}. */
    static void write(Path file, int frames) {
        SplittableRandom random = new SplittableRandom(1);
        int margin = 64;
        int cw = WIDTH + 2 * margin;
        int ch = HEIGHT + 2 * margin;
        float[] canvas = new float[cw * ch];
        float[][] grid = new float[ch / 16 + 2][cw / 16 + 2];
        for (float[] row : grid) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextDouble();
            }
        }
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                float ty = (y % 16) / 16f;
                float tx = (x % 16) / 16f;
                int gy = y / 16;
                int gx = x / 16;
                float smooth = (1 - ty) * ((1 - tx) * grid[gy][gx] + tx * grid[gy][gx + 1])
                        + ty * ((1 - tx) * grid[gy + 1][gx] + tx * grid[gy + 1][gx + 1]);
                canvas[y * cw + x] = 0.1f + 0.5f * smooth + 0.08f * (float) random.nextDouble();
            }
        }
        float[] frame = new float[WIDTH * HEIGHT];
        try (VideoWriter writer = VideoWriter.open(file, WIDTH, HEIGHT,
                new VideoWriter.Settings(VideoWriter.Codec.H264, 25, 12, 0, 800_000))) {
            for (int t = 0; t < frames; t++) {
                // The camera sways within the margin; the squares bounce across the frame.
                int ox = margin + (int) Math.round(margin * 0.9 * Math.sin(t * 0.05));
                int oy = margin + (int) Math.round(margin * 0.9 * Math.sin(t * 0.031 + 1));
                for (int y = 0; y < HEIGHT; y++) {
                    System.arraycopy(canvas, (y + oy) * cw + ox, frame, y * WIDTH, WIDTH);
                }
                for (int s = 0; s < 3; s++) {
                    int side = 24 + 12 * s;
                    int x = bounce(t * (3 + 2 * s) + 40 * s, WIDTH - side);
                    int y = bounce(t * (2 + s) + 70 * s, HEIGHT - side);
                    for (int dy = 0; dy < side; dy++) {
                        for (int dx = 0; dx < side; dx++) {
                            frame[(y + dy) * WIDTH + x + dx] = 0.8f + 0.1f * s * ((dx / 4 + dy / 4) % 2);
                        }
                    }
                }
                writer.write(frame);
            }
        }
    }

    /** Position {@code p} folded into {@code [0, range]}, as a point bouncing between two walls. */
    private static int bounce(int p, int range) {
        int period = 2 * range;
        int q = Math.floorMod(p, period);
        return q <= range ? q : period - q;
    }
}
