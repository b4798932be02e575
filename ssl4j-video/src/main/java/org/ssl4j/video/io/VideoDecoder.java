package org.ssl4j.video.io;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;

import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.ssl4j.core.Ssl4jException;

/**
 * Decodes the frames of a video shown at chosen times, scaled to a chosen size, as RGB in [0, 1]: the pixels of a
 * clip. FFmpeg (through JavaCV) decodes and scales; a request seeks once, to the keyframe before its first time, and
 * then decodes forward, keeping for each requested time the last frame presented at or before it. Times past the last
 * frame repeat the last frame.
 */
public final class VideoDecoder implements AutoCloseable {
    /**
     * What the container says about a video.
     *
     * @param seconds duration
     * @param framesPerSecond the video stream's frame rate
     * @param width decoded width before scaling
     * @param height decoded height before scaling
     * @param hasAudio whether there is an audio stream
     */
    public record Info(double seconds, double framesPerSecond, int width, int height, boolean hasAudio) {}

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final Info info;
    private final int width;
    private final int height;

    private VideoDecoder(Path file, int width, int height, FFmpegFrameGrabber grabber) {
        this.file = file;
        this.grabber = grabber;
        this.info = new Info(grabber.getLengthInTime() / 1e6, grabber.getFrameRate(), grabber.getImageWidth(),
                grabber.getImageHeight(), grabber.hasAudio());
        this.width = width > 0 ? width : info.width();
        this.height = height > 0 ? height : info.height();
        if (width > 0) { // FFmpeg's scaler, after start: the stream's own size was needed for Info
            grabber.setImageWidth(width);
            grabber.setImageHeight(height);
        }
    }

    /**
     * Opens a video file.
     *
     * @param file an MP4, AVI, MKV, WebM, ... file with a video stream
     * @param width width of the returned frames, or 0 with {@code height} 0 for the video's own size
     * @param height height of the returned frames, or 0
     * @param threads decoder threads
     */
    public static VideoDecoder open(Path file, int width, int height, int threads) {
        Ssl4jException.check((width > 0 && height > 0) || (width == 0 && height == 0),
                "frame size must be both positive or both 0 (the video's size), got %dx%d", width, height);
        Ssl4jException.check(threads >= 1, "decoder threads must be >= 1, got %d", threads);
        return new VideoDecoder(file, width, height, Grabbers.startVideo(file, g -> {
            g.setPixelFormat(AV_PIX_FMT_RGB24);
            g.setVideoOption("threads", Integer.toString(threads));
        }));
    }

    /** The container's description of the video. */
    public Info info() {
        return info;
    }

    /**
     * The frames shown at {@code times}.
     *
     * @param times presentation times in seconds, >= 0 and non-decreasing
     * @return one {@code (3, height, width)} row-major RGB array per time
     */
    public float[][] framesAt(double[] times) {
        Ssl4jException.check(times.length > 0, "no frame times asked of %s", file);
        for (int i = 0; i < times.length; i++) {
            Ssl4jException.check(times[i] >= 0 && (i == 0 || times[i] >= times[i - 1]),
                    "frame times must be >= 0 and non-decreasing, got %s at %d for %s", times[i], i, file);
        }
        float[][] out = new float[times.length][];
        try {
            grabber.setVideoTimestamp(Math.round(times[0] * 1e6)); // holds the frame shown at times[0]
            float[] shown = null;
            int next = 0;
            for (Frame frame = grabber.grabImage(); frame != null && next < times.length; frame = grabber.grabImage()) {
                double at = frame.timestamp / 1e6;
                while (next < times.length && shown != null && at > times[next] + 1e-6) {
                    out[next++] = shown; // the previous frame was still on screen at times[next]
                }
                if (next < times.length) {
                    shown = Grabbers.rgb(frame);
                    while (next < times.length && Math.abs(at - times[next]) <= 1e-6) {
                        out[next++] = shown;
                    }
                }
            }
            Ssl4jException.check(shown != null, "no frame of %s could be decoded at or after %s s", file, times[0]);
            while (next < times.length) {
                out[next++] = shown; // past the end: the last frame
            }
        } catch (FrameGrabber.Exception e) {
            throw new Ssl4jException("cannot decode " + file + " near " + times[0] + " s: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void close() {
        Grabbers.close(grabber, file);
    }
}
