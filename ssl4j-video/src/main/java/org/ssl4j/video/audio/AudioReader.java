package org.ssl4j.video.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.ssl4j.core.Ssl4jException;

/**
 * Reads a video's (or audio file's) sound track as mono float samples at a chosen rate, for the span of a clip: FFmpeg
 * decodes, downmixes and resamples (libswresample, through JavaCV's {@link FFmpegFrameGrabber}); samples are placed
 * by their presentation time, so a clip from {@code t} to {@code t + d} is aligned with the video frames of that span.
 * Time the track does not cover (before its start, after its end, gaps) is silence.
 */
public final class AudioReader {
    private AudioReader() {}

    /**
     * Reads {@code [startSeconds, startSeconds + durationSeconds)} of the first audio stream.
     *
     * @param file a media file with an audio stream
     * @param sampleRate the rate to resample to
     * @param startSeconds the clip's start, >= 0
     * @param durationSeconds the clip's length, > 0
     * @return {@code round(durationSeconds * sampleRate)} samples, mono, nominally in [-1, 1]
     */
    public static float[] read(Path file, int sampleRate, double startSeconds, double durationSeconds) {
        Ssl4jException.check(startSeconds >= 0, "audio span must start at >= 0 s, got %s for %s", startSeconds, file);
        return read(file, sampleRate, length -> startSeconds, durationSeconds);
    }

    /**
     * Reads {@code durationSeconds} of the first audio stream centred in the file's length (from its start when the
     * file is shorter), opening the file once.
     *
     * @param file a media file with an audio stream
     * @param sampleRate the rate to resample to
     * @param durationSeconds the clip's length, > 0
     * @return {@code round(durationSeconds * sampleRate)} samples, mono, nominally in [-1, 1]
     */
    public static float[] readCentred(Path file, int sampleRate, double durationSeconds) {
        return read(file, sampleRate, length -> Math.max(0, (length - durationSeconds) / 2), durationSeconds);
    }

    private static float[] read(Path file, int sampleRate, DoubleUnaryOperator startOfLength, double durationSeconds) {
        Ssl4jException.check(sampleRate >= 1000, "audio sample rate must be >= 1000, got %d", sampleRate);
        Ssl4jException.check(durationSeconds > 0, "audio span must last > 0 s, got %s for %s", durationSeconds, file);
        Ssl4jException.check(Files.isRegularFile(file), "media file %s does not exist", file);
        float[] out = new float[(int) Math.round(durationSeconds * sampleRate)];
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setSampleRate(sampleRate);
            grabber.setAudioChannels(1);
            grabber.setSampleFormat(AV_SAMPLE_FMT_FLT);
            grabber.start();
            if (!grabber.hasAudio()) {
                throw new Ssl4jException(file + " has no audio stream");
            }
            long startMicros = Math.round(startOfLength.applyAsDouble(grabber.getLengthInTime() / 1e6) * 1e6);
            if (startMicros > 0) {
                grabber.setAudioTimestamp(startMicros);
            }
            // A frame's first sample sits at its timestamp; the first frame after a seek may begin before the span.
            for (Frame frame = grabber.grabSamples(); frame != null; frame = grabber.grabSamples()) {
                if (frame.samples == null) {
                    continue;
                }
                FloatBuffer samples = (FloatBuffer) frame.samples[0];
                long offset = Math.round((frame.timestamp - startMicros) * sampleRate / 1e6);
                if (offset >= out.length) {
                    break;
                }
                int count = samples.remaining();
                for (int i = 0; i < count; i++) {
                    long at = offset + i;
                    if (at >= 0 && at < out.length) {
                        out[(int) at] = samples.get(samples.position() + i);
                    }
                }
            }
        } catch (FrameGrabber.Exception e) {
            throw new Ssl4jException("cannot read the audio of " + file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
