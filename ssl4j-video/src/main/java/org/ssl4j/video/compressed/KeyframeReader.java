package org.ssl4j.video.compressed;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.io.Grabbers;

/**
 * Decodes a video's keyframes (I-frames) near any time, the context input of compressed-domain methods (context and
 * motion decoupling, Huang et al. 2021: a keyframe for the scene, motion vectors for the motion). Opening the file
 * reads its packets once, without decoding, to list the keyframes' times; a request then seeks to the last keyframe at
 * or before the time asked for and returns that picture, scaled to the size asked for, so that its cost does not grow
 * with the video's length.
 */
public final class KeyframeReader implements AutoCloseable {
    /**
     * One decoded keyframe.
     *
     * @param seconds its presentation time
     * @param height rows
     * @param width columns
     * @param rgb {@code (3, height, width)} row-major, in [0, 1]
     */
    public record Keyframe(double seconds, int height, int width, float[] rgb) {}

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final double duration;
    private final long[] keyframeMicros;

    private KeyframeReader(Path file, FFmpegFrameGrabber grabber) throws FrameGrabber.Exception {
        this.file = file;
        this.grabber = grabber;
        this.duration = grabber.getLengthInTime() / 1e6;
        this.keyframeMicros = scanKeyframes();
        if (keyframeMicros.length == 0) {
            throw new Ssl4jException(file + " has no keyframe");
        }
    }

    /** The presentation times of the video stream's key packets, read by demuxing alone; rewinds afterwards. */
    private long[] scanKeyframes() throws FrameGrabber.Exception {
        int stream = grabber.getVideoStream();
        AVRational base = grabber.getFormatContext().streams(stream).time_base();
        List<Long> times = new ArrayList<>();
        for (AVPacket packet = grabber.grabPacket(); packet != null; packet = grabber.grabPacket()) {
            if (packet.stream_index() == stream && (packet.flags() & AV_PKT_FLAG_KEY) != 0) {
                long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                times.add(1_000_000L * pts * base.num() / base.den()); // the unit of JavaCV's frame timestamps
            }
        }
        grabber.setTimestamp(0);
        return times.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /**
     * Opens a video file.
     *
     * @param file an MP4, AVI, MKV, ... file with a video stream
     * @param width width of the returned pictures, or 0 with {@code height} 0 for the video's own size
     * @param height height of the returned pictures, or 0
     */
    public static KeyframeReader open(Path file, int width, int height) {
        Ssl4jException.check((width > 0 && height > 0) || (width == 0 && height == 0),
                "keyframe size must be both positive or both 0 (the video's size), got %dx%d", width, height);
        FFmpegFrameGrabber grabber = Grabbers.startVideo(file, g -> {
            g.setPixelFormat(AV_PIX_FMT_RGB24);
            if (width > 0) {
                g.setImageWidth(width);
                g.setImageHeight(height);
            }
        });
        try {
            return new KeyframeReader(file, grabber);
        } catch (FrameGrabber.Exception e) {
            Grabbers.close(grabber, file);
            throw new Ssl4jException("cannot open video " + file + ": " + e.getMessage(), e);
        } catch (Ssl4jException e) { // no keyframe
            Grabbers.close(grabber, file);
            throw e;
        }
    }

    /** The keyframes' presentation times in seconds, in order. */
    public double[] keyframeTimes() {
        return Arrays.stream(keyframeMicros).mapToDouble(t -> t / 1e6).toArray();
    }

    /** The video's duration in seconds, as its container states it. */
    public double duration() {
        return duration;
    }

    /** The last keyframe at or before {@code seconds} (the first keyframe for earlier times). */
    public Keyframe at(double seconds) {
        Ssl4jException.check(seconds >= 0 && Double.isFinite(seconds), "keyframe time must be >= 0 s, got %s for %s",
                seconds, file);
        long wanted = Math.round(seconds * 1e6);
        int i = Arrays.binarySearch(keyframeMicros, wanted);
        long key = keyframeMicros[i >= 0 ? i : Math.max(0, -i - 2)]; // the last one at or before, else the first
        try {
            grabber.setVideoTimestamp(key); // decodes up to the frame at `key`, the keyframe, and holds it
            Frame frame = grabber.grabFrame(false, true, true, false, false);
            if (frame == null || frame.image == null || frame.timestamp != key) {
                throw new Ssl4jException("cannot decode the keyframe at " + key / 1e6 + " s of " + file);
            }
            return new Keyframe(frame.timestamp / 1e6, frame.imageHeight, frame.imageWidth, Grabbers.rgb(frame));
        } catch (FrameGrabber.Exception e) {
            throw new Ssl4jException("cannot decode a keyframe of " + file + " near " + seconds + " s: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        Grabbers.close(grabber, file);
    }
}
