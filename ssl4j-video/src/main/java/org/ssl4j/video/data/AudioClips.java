package org.ssl4j.video.data;

import java.util.SplittableRandom;
import org.ssl4j.video.audio.AudioReader;
import org.ssl4j.video.audio.LogMelSpectrogram;

/**
 * The sound of a {@link VideoFolder}'s videos as a {@link VideoFolderDataset} for an audio encoder's evaluation:
 * sample {@code i} is the log-mel spectrogram {@code (1, mels, frames)} of a window of {@code seconds} centred in
 * video {@code i} (from its start when the video is shorter), the same every time. An unreadable video or one without
 * sound is an error naming the file.
 */
public final class AudioClips extends VideoFolderDataset {
    private final double seconds;
    private final LogMelSpectrogram spectrogram;
    private final int[] shape;

    /**
     * @param videos the videos and their classes
     * @param seconds the window
     * @param settings the log-mel transform, at the rate the audio is read at
     */
    public AudioClips(VideoFolder videos, double seconds, LogMelSpectrogram.Settings settings) {
        super(videos);
        this.seconds = seconds;
        this.spectrogram = new LogMelSpectrogram(settings);
        this.shape = new int[] {1, settings.nMels(),
            spectrogram.frames((int) Math.round(seconds * settings.sampleRate()))};
    }

    @Override
    public int[] sampleShape() {
        return shape.clone();
    }

    @Override
    public void read(int index, float[] dst, int offset, SplittableRandom random) {
        float[] sound = AudioReader.readCentred(videos().paths().get(index), spectrogram.settings().sampleRate(),
                seconds);
        float[] mel = spectrogram.compute(sound);
        System.arraycopy(mel, 0, dst, offset, mel.length);
    }
}
