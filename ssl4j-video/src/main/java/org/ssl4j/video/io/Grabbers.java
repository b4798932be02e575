package org.ssl4j.video.io;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.ssl4j.core.Ssl4jException;

/** What the readers built on JavaCV's {@link FFmpegFrameGrabber} share: opening, pixel conversion and closing. */
public final class Grabbers {
    private Grabbers() {}

    /**
     * Opens and starts a grabber on a video file, with one-line errors for a missing file, one FFmpeg cannot open,
     * and one without a video stream.
     *
     * @param options settings applied before {@code start} (pixel format, decoder options, output size)
     */
    public static FFmpegFrameGrabber startVideo(Path file, Consumer<FFmpegFrameGrabber> options) {
        Ssl4jException.check(Files.isRegularFile(file), "video file %s does not exist", file);
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        options.accept(grabber);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            Ssl4jException error = new Ssl4jException("cannot open video " + file + ": " + e.getMessage(), e);
            try {
                grabber.close();
            } catch (FrameGrabber.Exception closing) {
                error.addSuppressed(closing);
            }
            throw error;
        }
        if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            close(grabber, file);
            throw new Ssl4jException(file + " has no video stream");
        }
        return grabber;
    }

    /** A packed RGB24 frame as {@code (3, height, width)} row-major floats in [0, 1]. */
    public static float[] rgb(Frame frame) {
        int h = frame.imageHeight;
        int w = frame.imageWidth;
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        float[] out = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            int row = y * frame.imageStride;
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    out[(c * h + y) * w + x] = Byte.toUnsignedInt(pixels.get(row + 3 * x + c)) / 255f;
                }
            }
        }
        return out;
    }

    /** Closes a grabber of {@code file}, with a one-line error if FFmpeg fails to. */
    public static void close(FFmpegFrameGrabber grabber, Path file) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            throw new Ssl4jException("cannot close video " + file + ": " + e.getMessage(), e);
        }
    }
}
