package org.ssl4j.video.method.xdc;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.ssl4j.video.audio.AudioReader;
import org.ssl4j.video.audio.LogMelSpectrogram;
import org.ssl4j.video.data.SampleLayout;
import org.ssl4j.video.data.VideoFolder;
import org.ssl4j.video.data.VideoFolderDataset;
import org.ssl4j.video.io.ClipSampler;
import org.ssl4j.video.io.VideoDecoder;

/**
 * XDC's inputs as a {@link VideoFolderDataset}: sample {@code i} is one clip of video {@code i} at a random time and
 * the log-mel spectrogram of the sound from the clip's start, one flat array of two parts ({@link SampleLayout}): the
 * RGB clip {@code (3, T, size, size)} in [0, 1] and the spectrogram {@code (1, mels, frames)}. The window is moved back
 * where it would run past the end of the video. Reading without a generator (feature extraction for the clustering)
 * takes the same clip every time. An unreadable video or one without sound is an error naming the file.
 */
public final class XdcDataset extends VideoFolderDataset {
    /** The RGB clip's part of a sample ({@link #layout()}). */
    public static final int CLIP = 0;
    /** The spectrogram's part. */
    public static final int AUDIO = 1;

    private final ClipSampler sampler;
    private final int size;
    private final double seconds;
    private final LogMelSpectrogram spectrogram;
    private final SampleLayout layout;

    /**
     * @param videos the videos and their classes
     * @param sampler where the clip is taken (one random clip per video)
     * @param size side of the square RGB frames
     * @param seconds the audio window
     * @param spectrogram the log-mel transform, at the rate the audio is read at
     */
    public XdcDataset(VideoFolder videos, ClipSampler sampler, int size, double seconds,
            LogMelSpectrogram.Settings spectrogram) {
        super(videos);
        this.sampler = sampler;
        this.size = size;
        this.seconds = seconds;
        this.spectrogram = new LogMelSpectrogram(spectrogram);
        int frames = this.spectrogram.frames((int) Math.round(seconds * spectrogram.sampleRate()));
        this.layout = new SampleLayout("a clip and its spectrogram", new int[] {3, sampler.frames(), size, size},
                new int[] {1, spectrogram.nMels(), frames});
    }

    /** Where the parts of a sample lie. */
    public SampleLayout layout() {
        return layout;
    }

    /** One flat axis: the clip, then the spectrogram. */
    @Override
    public int[] sampleShape() {
        return layout.sampleShape();
    }

    @Override
    public void read(int index, float[] dst, int offset, SplittableRandom random) {
        Path file = videos().paths().get(index);
        int frames = sampler.frames();
        int plane = size * size;
        double start;
        double duration;
        try (VideoDecoder decoder = VideoDecoder.open(file, size, size, 1)) {
            duration = decoder.info().seconds();
            double[] times = sampler.clipTimes(duration, random)[0];
            start = times[0];
            float[][] pictures = decoder.framesAt(times); // (T) x (3, S, S)
            for (int c = 0; c < 3; c++) {
                for (int t = 0; t < frames; t++) {
                    System.arraycopy(pictures[t], c * plane, dst, offset + (c * frames + t) * plane, plane);
                }
            }
        }
        double from = Math.max(0, Math.min(start, duration - seconds));
        float[] sound = AudioReader.read(file, spectrogram.settings().sampleRate(), from, seconds);
        float[] mel = spectrogram.compute(sound); // (mels, frames)
        System.arraycopy(mel, 0, dst, offset + layout.offset(AUDIO), mel.length);
    }
}
