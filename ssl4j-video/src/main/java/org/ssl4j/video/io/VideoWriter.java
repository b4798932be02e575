package org.ssl4j.video.io;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.ssl4j.core.Ssl4jException;

/**
 * Writes grey frames, and optionally a mono AAC sound track, to a real compressed video file through FFmpeg (JavaCV's
 * {@link FFmpegFrameRecorder}), for the generated benchmarks and for tests that need streams with known content. The file is written beside the target
 * and renamed when closed. The encoders are looked up before writing: FFmpegFrameRecorder silently substitutes the
 * container's default encoder for one that FFmpeg's LGPL build lacks (libx264, for instance).
 */
public final class VideoWriter implements AutoCloseable {
    /** The encoders this writer offers. */
    public enum Codec {
        /** H.264 by Cisco's OpenH264 (constrained baseline: I and P frames only). */
        H264("libopenh264"),
        /** MPEG-4 Part 2 by FFmpeg's own encoder, which can write B-frames. */
        MPEG4("mpeg4"),
        /** MPEG-2 by FFmpeg's own encoder, which can write B-frames. */
        MPEG2("mpeg2video"),
        /** VP9 by libvpx, for WebM. */
        VP9("libvpx-vp9");

        private final String encoder;

        Codec(String encoder) {
            this.encoder = encoder;
        }
    }

    /**
     * How to encode.
     *
     * @param codec the encoder
     * @param framesPerSecond the frame rate
     * @param gopSize frames from one keyframe to the next
     * @param bFrames consecutive B-frames between anchors (MPEG-4 and MPEG-2; H.264 here has none)
     * @param bitsPerSecond the target bit rate
     * @param audioSampleRate samples per second of a mono AAC track, or 0 for none
     */
    public record Settings(Codec codec, double framesPerSecond, int gopSize, int bFrames, int bitsPerSecond,
            int audioSampleRate) {
        /** Checks the values. */
        public Settings {
            Ssl4jException.check(framesPerSecond > 0, "video frame rate must be > 0, got %s", framesPerSecond);
            Ssl4jException.check(gopSize >= 1, "video gop size must be >= 1, got %d", gopSize);
            Ssl4jException.check(bFrames >= 0 && (bFrames == 0 || codec != Codec.H264),
                    "B-frames need the mpeg4 or mpeg2 codec and a count >= 0, got %d with %s", bFrames, codec);
            Ssl4jException.check(bitsPerSecond > 0, "video bit rate must be > 0, got %d", bitsPerSecond);
            Ssl4jException.check(audioSampleRate == 0 || audioSampleRate >= 8000,
                    "audio sample rate must be 0 (no audio) or >= 8000, got %d", audioSampleRate);
        }

        /** Settings without a sound track. */
        public Settings(Codec codec, double framesPerSecond, int gopSize, int bFrames, int bitsPerSecond) {
            this(codec, framesPerSecond, gopSize, bFrames, bitsPerSecond, 0);
        }
    }

    /** FFmpeg's native AAC encoder. */
    private static final String AUDIO_ENCODER = "aac";

    private final Path target;
    private final Path partial;
    private final Settings settings;
    private final FFmpegFrameRecorder recorder;
    private final Frame frame;
    private boolean closed;

    private VideoWriter(Path target, String container, int width, int height, Settings settings) throws IOException {
        this.target = target;
        this.partial = target.resolveSibling(target.getFileName() + ".partial." + MediaFiles.extension(target));
        this.settings = settings;
        boolean audio = settings.audioSampleRate() > 0;
        this.recorder = new FFmpegFrameRecorder(partial.toFile(), width, height, audio ? 1 : 0);
        if (audio) {
            recorder.setAudioCodecName(AUDIO_ENCODER);
            recorder.setSampleRate(settings.audioSampleRate());
            recorder.setAudioBitrate(96_000);
        }
        recorder.setFormat(container);
        recorder.setVideoCodecName(settings.codec().encoder);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(settings.framesPerSecond());
        recorder.setGopSize(settings.gopSize());
        recorder.setMaxBFrames(settings.bFrames());
        recorder.setVideoBitrate(settings.bitsPerSecond());
        recorder.setVideoOption("threads", "1"); // the same file for the same frames
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        recorder.start();
        this.frame = new Frame(width, height, Frame.DEPTH_UBYTE, 1);
    }

    /** FFmpeg's muxer for the target's extension. */
    private static String container(Path target) {
        return switch (MediaFiles.extension(target)) {
            case "mp4", "m4v" -> "mp4";
            case "mkv" -> "matroska";
            case "avi" -> "avi";
            case "webm" -> "webm";
            default -> throw new Ssl4jException("video file " + target + " must end in .mp4, .m4v, .mkv, .avi or .webm");
        };
    }

    /**
     * Opens a writer of {@code width x height} grey frames.
     *
     * @param target the video file to create (replaced when closed); its extension picks the container: MP4, MKV, AVI
     *     or WebM (which takes VP9 only)
     * @param width frame width in pixels, even
     * @param height frame height in pixels, even
     * @param settings the encoding
     */
    public static VideoWriter open(Path target, int width, int height, Settings settings) {
        String container = container(target);
        Ssl4jException.check(!container.equals("webm") || settings.codec() == Codec.VP9,
                "a WebM file takes VP9 video, not %s: %s", settings.codec(), target);
        // FFmpegFrameRecorder substitutes the container's default encoder for one it cannot find, without failing.
        checkEncoder(settings.codec().encoder, target);
        if (settings.audioSampleRate() > 0) {
            checkEncoder(AUDIO_ENCODER, target);
        }
        Ssl4jException.check(width >= 16 && height >= 16 && width % 2 == 0 && height % 2 == 0,
                "video frames must be even and at least 16x16, got %dx%d for %s", width, height, target);
        try {
            return new VideoWriter(target, container, width, height, settings);
        } catch (IOException e) {
            throw new Ssl4jException("cannot start writing video " + target + ": " + e.getMessage(), e);
        }
    }

    private static void checkEncoder(String encoder, Path target) {
        Ssl4jException.check(avcodec_find_encoder_by_name(encoder) != null,
                "this FFmpeg build has no %s encoder, needed for %s", encoder, target);
    }

    /** Appends one frame of grey levels in [0, 1], row-major {@code height x width}. */
    public void write(float[] grey) {
        Ssl4jException.check(grey.length == frame.imageWidth * frame.imageHeight,
                "a %dx%d frame needs %d values, got %d", frame.imageWidth, frame.imageHeight,
                frame.imageWidth * frame.imageHeight, grey.length);
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        for (int y = 0; y < frame.imageHeight; y++) {
            int row = y * frame.imageStride;
            for (int x = 0; x < frame.imageWidth; x++) {
                float v = grey[y * frame.imageWidth + x];
                buffer.put(row + x, (byte) Math.round(Math.min(1f, Math.max(0f, v)) * 255f));
            }
        }
        try {
            recorder.record(frame);
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new Ssl4jException("cannot encode a frame into " + target + ": " + e.getMessage(), e);
        }
    }

    /** Appends mono samples (nominally in [-1, 1]) to the sound track; the writer needs an audio sample rate. */
    public void writeAudio(float[] samples) {
        Ssl4jException.check(settings.audioSampleRate() > 0, "%s was opened without a sound track", target);
        try {
            recorder.recordSamples(settings.audioSampleRate(), 1, FloatBuffer.wrap(samples));
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new Ssl4jException("cannot encode audio into " + target + ": " + e.getMessage(), e);
        }
    }

    /** Finishes the file and moves it to the target path. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            recorder.stop();
            recorder.release();
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Ssl4jException("cannot finish video " + target + ": " + e.getMessage(), e);
        } finally {
            frame.close();
        }
    }
}
