package org.ssl4j.video.flow;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Locale;
import org.bytedeco.opencv.global.opencv_optflow;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_optflow.DualTVL1OpticalFlow;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.recipe.EnumValues;

/**
 * Dense optical flow between two grey frames through OpenCV (JavaCV's presets): the motion input of the two-stream
 * methods (MoDist, Xiao et al. 2021, distils a flow pathway into the RGB one). Three algorithms, chosen by recipe:
 * {@link Method#TVL1} (Zach, Pock and Bischof's TV-L1, the quality reference of the video literature),
 * {@link Method#DIS} (Kroeger et al.'s dense inverse search, medium preset, fast) and {@link Method#FARNEBACK}
 * (polynomial expansion, OpenCV's classic settings). One instance holds OpenCV's solver and is not thread-safe; use
 * one per loader worker.
 */
public final class OpticalFlow implements AutoCloseable {
    /** The algorithm. */
    public enum Method {
        /** TV-L1: accurate, slowest. */
        TVL1,
        /** Dense inverse search, medium preset: fast. */
        DIS,
        /** Farneback polynomial expansion. */
        FARNEBACK;

        /** Parses a recipe value ({@code tvl1}, {@code dis}, {@code farneback}), with a one-line error. */
        public static Method parse(String value) {
            return EnumValues.parse(Method.class, value, "optical flow method");
        }
    }

    private final Method method;
    private final DualTVL1OpticalFlow tvl1;
    private final DISOpticalFlow dis;

    private OpticalFlow(Method method) {
        this.method = method;
        this.tvl1 = method == Method.TVL1 ? opencv_optflow.createOptFlow_DualTVL1() : null;
        this.dis = method == Method.DIS ? DISOpticalFlow.create(DISOpticalFlow.PRESET_MEDIUM) : null;
    }

    /** A solver for {@code method}. */
    public static OpticalFlow create(Method method) {
        return new OpticalFlow(method);
    }

    /** The algorithm. */
    public Method method() {
        return method;
    }

    /**
     * The flow from {@code previous} to {@code next}: where each pixel of {@code previous} moved.
     *
     * @param previous grey levels in [0, 1], row-major {@code height x width}
     * @param next the following frame, the same size
     * @return {@code (2, height, width)} row-major: x then y displacement in pixels
     */
    public float[] compute(float[] previous, float[] next, int width, int height) {
        Ssl4jException.check(width >= 8 && height >= 8, "optical flow needs frames of at least 8x8, got %dx%d", width,
                height);
        Ssl4jException.check(previous.length == width * height && next.length == width * height,
                "optical flow frames must have %d values (%dx%d), got %d and %d", width * height, width, height,
                previous.length, next.length);
        try (Mat a = grey(previous, width, height); Mat b = grey(next, width, height); Mat flow = new Mat()) {
            switch (method) {
                case TVL1 -> tvl1.calc(a, b, flow);
                case DIS -> dis.calc(a, b, flow);
                case FARNEBACK -> opencv_video.calcOpticalFlowFarneback(a, b, flow, 0.5, 3, 15, 3, 5, 1.2, 0);
            }
            FloatBuffer xy = flow.createBuffer();
            float[] out = new float[2 * width * height];
            int plane = width * height;
            for (int p = 0; p < plane; p++) {
                out[p] = xy.get(2 * p);
                out[plane + p] = xy.get(2 * p + 1);
            }
            return out;
        }
    }

    private static Mat grey(float[] levels, int width, int height) {
        Mat mat = new Mat(height, width, CV_8UC1);
        ByteBuffer bytes = mat.createBuffer();
        for (int p = 0; p < levels.length; p++) {
            bytes.put(p, (byte) Math.round(Math.min(1f, Math.max(0f, levels[p])) * 255f));
        }
        return mat;
    }

    @Override
    public void close() {
        if (tvl1 != null) {
            tvl1.close();
        }
        if (dis != null) {
            dis.close();
        }
    }

    @Override
    public String toString() {
        return method.name().toLowerCase(Locale.ROOT) + " optical flow";
    }
}
