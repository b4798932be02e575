package org.ssl4j.video.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.io.VideoWriter;

/** A tone written as AAC into an MP4 beside the video and read back: frequency, alignment, resampling. */
class AudioRoundTripTest {
    private static final int RATE = 16_000;
    private static final double TONE = 440;

    @TempDir
    Path dir;

    private Path file;

    /** Two seconds of video; the sound track is silent for the first second and a 440 Hz tone for the second. */
    @BeforeEach
    void writeVideo() {
        file = dir.resolve("tone.mp4");
        try (VideoWriter writer = VideoWriter.open(file, 64, 48,
                new VideoWriter.Settings(VideoWriter.Codec.H264, 25, 12, 0, 300_000, RATE))) {
            float[] frame = new float[64 * 48];
            Arrays.fill(frame, 0.5f);
            float[] track = new float[2 * RATE];
            float[] tone = LogMelSpectrogramTest.sine(TONE, 0.5, RATE, RATE);
            System.arraycopy(tone, 0, track, RATE, RATE);
            for (int t = 0; t < 50; t++) {
                writer.write(frame);
                writer.writeAudio(Arrays.copyOfRange(track, t * RATE / 25, (t + 1) * RATE / 25));
            }
        }
    }

    /** Frequency from the rising zero crossings, interpolated linearly, over a whole number of periods. */
    private static double frequency(float[] x, int rate) {
        double first = -1;
        double last = -1;
        int periods = -1;
        for (int i = 1; i < x.length; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                double at = i - 1 + x[i - 1] / (x[i - 1] - x[i]);
                if (first < 0) {
                    first = at;
                }
                last = at;
                periods++;
            }
        }
        return periods * rate / (last - first);
    }

    private static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    @Test
    void toneKeepsItsFrequencyAtTheTrackRateAndResampled() {
        float[] native16k = AudioReader.read(file, RATE, 1.1, 0.8);
        assertThat(native16k).hasSize(12_800);
        assertThat(frequency(native16k, RATE)).isCloseTo(TONE, within(TONE * 0.01));
        float[] resampled = AudioReader.read(file, 22_050, 1.1, 0.8);
        assertThat(resampled).hasSize(17_640);
        assertThat(frequency(resampled, 22_050)).isCloseTo(TONE, within(TONE * 0.01));
    }

    @Test
    void clipsAreAlignedWithTheTrackTime() {
        float[] clip = AudioReader.read(file, RATE, 0.75, 0.5); // the tone starts 0.25 s in
        int onset = RATE / 4;
        assertThat(rms(clip, 0, onset - RATE / 40)).as("before the onset").isLessThan(0.02);
        assertThat(rms(clip, onset + RATE / 40, clip.length)).as("after the onset")
                .isCloseTo(0.5 / Math.sqrt(2), within(0.05));
        float[] tail = AudioReader.read(file, RATE, 1.9, 0.5); // runs 0.4 s past the end of the track
        assertThat(rms(tail, tail.length - RATE / 4, tail.length)).isZero();
    }

    @Test
    void aCentredClipIsTheMiddleOfTheTrackAndAShortTrackIsReadFromItsStart() {
        // The file lasts 2 s: a centred 1 s clip is [0.5, 1.5), silent then the tone from its middle on.
        float[] centred = AudioReader.readCentred(file, RATE, 1.0);
        assertThat(centred).containsExactly(AudioReader.read(file, RATE, 0.5, 1.0));
        assertThat(rms(centred, 0, RATE / 2 - RATE / 40)).as("before the onset").isLessThan(0.02);
        assertThat(rms(centred, RATE / 2 + RATE / 40, RATE)).as("after the onset").isGreaterThan(0.3);
        assertThat(AudioReader.readCentred(file, RATE, 3.0)).containsExactly(AudioReader.read(file, RATE, 0, 3.0));
    }

    @Test
    void logMelOfTheReadToneIsLoudestInItsBand() {
        LogMelSpectrogram mel = new LogMelSpectrogram(LogMelSpectrogram.Settings.defaults16k());
        float[] clip = AudioReader.read(file, RATE, 1.2, 0.5);
        int frames = mel.frames(clip.length);
        double[] centres = mel.centres();
        int nearest = 0;
        for (int m = 1; m < centres.length; m++) {
            if (Math.abs(centres[m] - TONE) < Math.abs(centres[nearest] - TONE)) {
                nearest = m;
            }
        }
        int[] peaks = LogMelSpectrogramTest.peakBands(mel.compute(clip), 64, frames);
        for (int t = 2; t < frames - 2; t++) {
            assertThat(peaks[t]).as("frame %d", t).isEqualTo(nearest);
        }
    }

    @Test
    void aVideoWithoutSoundIsAOneLineError() {
        Path silent = dir.resolve("silent.mp4");
        try (VideoWriter writer = VideoWriter.open(silent, 64, 48,
                new VideoWriter.Settings(VideoWriter.Codec.H264, 25, 12, 0, 300_000))) {
            writer.write(new float[64 * 48]);
        }
        assertThatThrownBy(() -> AudioReader.read(silent, RATE, 0, 1)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("silent.mp4").hasMessageContaining("no audio");
    }
}
