package org.ssl4j.video.compressed;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.ssl4j.video.io.VideoWriter;

/**
 * Grey frames of a texture under a known global translation, the ground truth of the motion-vector tests. Its
 * {@link #main} writes them as raw 8-bit grey to standard output, which made the committed H.264 fixture with
 * B-frames (this FFmpeg build has no H.264 encoder that writes B-frames; Debian's {@code ffmpeg} has libx264):
 *
 * <pre>
 * java -cp ssl4j-video/target/test-classes org.ssl4j.video.compressed.TranslatingFrames \
 *   | ffmpeg -f rawvideo -pix_fmt gray -s 160x128 -r 25 -i - -c:v libx264 -pix_fmt yuv420p -g 12 -bf 2 \
 *     -x264-params ref=1:b-pyramid=none:b-adapt=0:weightb=0 \
 *     ssl4j-video/src/test/resources/video/translate-h264-bframes.mp4
 * </pre>
 */
public final class TranslatingFrames {
    public static final int WIDTH = 160;
    public static final int HEIGHT = 128;
    public static final int FRAMES = 25;
    /** Displacement of the content per frame, in pixels: right and up. */
    public static final int DX = 2;
    public static final int DY = -1;

    private TranslatingFrames() {}

    /** Frame {@code t} of {@code FRAMES}: the texture moved by {@code (DX * t, DY * t)}, values in [0, 1]. */
    public static float[][] frames() {
        int margin = FRAMES * 3;
        float[][] canvas = texture(new SplittableRandom(3), WIDTH + 2 * margin, HEIGHT + 2 * margin);
        float[][] out = new float[FRAMES][WIDTH * HEIGHT];
        for (int t = 0; t < FRAMES; t++) {
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    out[t][y * WIDTH + x] = canvas[y + margin - DY * t][x + margin - DX * t];
                }
            }
        }
        return out;
    }

    /** Smooth value noise on an 8-pixel lattice plus fine grain, so that blocks match in one place only. */
    private static float[][] texture(SplittableRandom random, int width, int height) {
        int cell = 8;
        float[][] grid = new float[height / cell + 2][width / cell + 2];
        for (float[] row : grid) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextDouble();
            }
        }
        float[][] out = new float[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int gy = y / cell;
                int gx = x / cell;
                float ty = (float) (y % cell) / cell;
                float tx = (float) (x % cell) / cell;
                float smooth = (1 - ty) * ((1 - tx) * grid[gy][gx] + tx * grid[gy][gx + 1])
                        + ty * ((1 - tx) * grid[gy + 1][gx] + tx * grid[gy + 1][gx + 1]);
                out[y][x] = 0.15f + 0.6f * smooth + 0.1f * (float) random.nextDouble();
            }
        }
        return out;
    }

    /** Writes the frames to {@code file} as MPEG-2 at 25 fps (GOP 12, 2 B-frames), and returns it. */
    public static Path writeMpeg2(Path file) {
        return write(file, new VideoWriter.Settings(VideoWriter.Codec.MPEG2, 25, 12, 2, 4_000_000));
    }

    /** Writes the frames to {@code file} with {@code settings}, and returns it. */
    public static Path write(Path file, VideoWriter.Settings settings) {
        try (VideoWriter writer = VideoWriter.open(file, WIDTH, HEIGHT, settings)) {
            for (float[] frame : frames()) {
                writer.write(frame);
            }
        }
        return file;
    }

    /** Writes the frames as raw 8-bit grey to standard output. */
    public static void main(String[] args) throws IOException {
        OutputStream out = new BufferedOutputStream(System.out);
        for (float[] frame : frames()) {
            for (float v : frame) {
                out.write(Math.round(Math.min(1f, Math.max(0f, v)) * 255f));
            }
        }
        out.flush();
    }
}
