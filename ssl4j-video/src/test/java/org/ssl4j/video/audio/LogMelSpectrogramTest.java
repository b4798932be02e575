package org.ssl4j.video.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;

/** The log-mel spectrogram against hand-computed filters and sines of known frequency. */
class LogMelSpectrogramTest {
    static float[] sine(double hz, double amplitude, int sampleRate, int samples) {
        float[] out = new float[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return out;
    }

    /** The band (row) with the most energy in each frame. */
    static int[] peakBands(float[] spectrogram, int mels, int frames) {
        int[] out = new int[frames];
        for (int t = 0; t < frames; t++) {
            int best = 0;
            for (int m = 1; m < mels; m++) {
                if (spectrogram[m * frames + t] > spectrogram[best * frames + t]) {
                    best = m;
                }
            }
            out[t] = best;
        }
        return out;
    }

    @Test
    void oneBandFilterBankMatchesHandComputedWeights() {
        // 8 kHz, 16-point FFT: bins every 500 Hz. One band from 0 to 4 kHz peaks at the mel midpoint,
        // 700 (10^(2595 log10(1 + 4000/700) / 2 / 2595) - 1) = 1113.836 Hz.
        LogMelSpectrogram mel = new LogMelSpectrogram(new LogMelSpectrogram.Settings(8000, 16, 4, 1, 0, 4000));
        assertThat(mel.centres()[0]).isCloseTo(1113.836, within(1e-3));
        float[] expected = {0, 0.448899f, 0.897798f, 0.866202f, 0.692961f, 0.519721f, 0.346481f, 0.173240f, 0};
        float[] got = mel.filterBank()[0];
        for (int k = 0; k < expected.length; k++) {
            assertThat(got[k]).as("weight of bin %d", k).isCloseTo(expected[k], within(1e-5f));
        }
    }

    @Test
    void aSinePeaksInTheBandCentredOnItsFrequency() {
        LogMelSpectrogram.Settings settings = LogMelSpectrogram.Settings.defaults16k();
        LogMelSpectrogram mel = new LogMelSpectrogram(settings);
        double step = LogMelSpectrogram.hzToMel(8000) / (settings.nMels() + 1);
        for (int band : new int[] {12, 30, 45, 60}) {
            double centre = LogMelSpectrogram.melToHz((band + 1) * step); // the band's centre, from the HTK formula
            assertThat(mel.centres()[band]).isCloseTo(centre, within(1e-6));
            float[] spectrogram = mel.compute(sine(centre, 0.5, 16_000, 16_000));
            int frames = mel.frames(16_000);
            assertThat(frames).isEqualTo(101);
            assertThat(spectrogram).hasSize(settings.nMels() * frames);
            int[] peaks = peakBands(spectrogram, settings.nMels(), frames);
            for (int t = 2; t < frames - 2; t++) { // the end frames hold the kink of the reflected padding
                assertThat(peaks[t]).as("peak band of frame %d for %.1f Hz", t, centre).isEqualTo(band);
            }
        }
    }

    @Test
    void silenceGivesTheLogFloorAndLouderIsHigher() {
        LogMelSpectrogram mel = new LogMelSpectrogram(LogMelSpectrogram.Settings.defaults16k());
        for (float v : mel.compute(new float[1600])) {
            assertThat(v).isCloseTo((float) Math.log(1e-6), within(1e-4f));
        }
        float[] quiet = mel.compute(sine(1000, 0.1, 16_000, 1600));
        float[] loud = mel.compute(sine(1000, 0.4, 16_000, 1600));
        int frames = mel.frames(1600);
        int band = peakBands(loud, 64, frames)[5];
        // Power grows with the square of the amplitude: 4x louder is log(16) higher.
        assertThat(loud[band * frames + 5] - quiet[band * frames + 5]).isCloseTo((float) Math.log(16), within(1e-3f));
    }

    @Test
    void badSettingsAreOneLineErrors() {
        assertThatThrownBy(() -> new LogMelSpectrogram.Settings(16_000, 512, 160, 64, 0, 9000))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("9000");
        assertThatThrownBy(() -> new LogMelSpectrogram.Settings(16_000, 512, 600, 64, 0, 8000))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("hop");
    }
}
