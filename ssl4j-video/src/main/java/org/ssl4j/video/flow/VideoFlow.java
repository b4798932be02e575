package org.ssl4j.video.flow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.io.VideoDecoder;

/**
 * The optical flow of a whole video: frames sampled at {@code framesPerSecond}, scaled by FFmpeg to
 * {@code width x height}, converted to grey (ITU-R BT.601 luma) and passed pairwise to an {@link OpticalFlow}
 * solver. The flow a motion pathway (MoDist) takes for a clip is the slice of its frames.
 *
 * @param width frame width of the flow maps
 * @param height frame height
 * @param framesPerSecond the sampling rate
 * @param flows {@code flows.get(i)} is the flow from sampled frame {@code i} to {@code i + 1}, {@code (2, height,
 *     width)} row-major, x then y displacement in pixels
 */
public record VideoFlow(int width, int height, double framesPerSecond, List<float[]> flows) {
    /**
     * Computes the flow of {@code video}.
     *
     * @param method the solver
     * @param width frame width the video is scaled to
     * @param height frame height
     * @param framesPerSecond the sampling rate (frames at {@code k / fps} seconds, shown-frame semantics of
     *     {@link VideoDecoder#framesAt})
     */
    public static VideoFlow compute(Path video, OpticalFlow.Method method, int width, int height,
            double framesPerSecond) {
        Ssl4jException.check(framesPerSecond > 0, "optical flow sampling rate must be > 0, got %s", framesPerSecond);
        try (VideoDecoder decoder = VideoDecoder.open(video, width, height, 1);
                OpticalFlow solver = OpticalFlow.create(method)) {
            int count = Math.max(2, (int) Math.floor(decoder.info().seconds() * framesPerSecond));
            double[] times = new double[count];
            for (int k = 0; k < count; k++) {
                times[k] = k / framesPerSecond;
            }
            float[][] rgb = decoder.framesAt(times); // (count) x (3, H, W)
            List<float[]> flows = new ArrayList<>(count - 1);
            float[] previous = luma(rgb[0], width * height);
            for (int k = 1; k < count; k++) {
                float[] next = luma(rgb[k], width * height);
                flows.add(solver.compute(previous, next, width, height));
                previous = next;
            }
            return new VideoFlow(width, height, framesPerSecond, List.copyOf(flows));
        }
    }

    private static float[] luma(float[] rgb, int plane) {
        float[] grey = new float[plane];
        for (int p = 0; p < plane; p++) {
            grey[p] = 0.299f * rgb[p] + 0.587f * rgb[plane + p] + 0.114f * rgb[2 * plane + p];
        }
        return grey;
    }
}
