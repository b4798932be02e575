package org.ssl4j.video.audio;

import org.jtransforms.fft.FloatFFT_1D;
import org.ssl4j.core.Ssl4jException;

/**
 * The log-mel spectrogram that audio-visual methods feed their audio encoders (XDC, Alwassel et al. 2020; ELo): a
 * short-time Fourier transform with a periodic Hann window on centred frames (the signal reflected by half a window
 * at both ends), the power spectrum, a bank of triangular filters evenly spaced on the HTK mel scale
 * {@code mel = 2595 log10(1 + f / 700)}, and {@code log(energy + 1e-6)}. The same numbers as torchaudio's
 * {@code MelSpectrogram(center=True, pad_mode="reflect", power=2, norm=None, mel_scale="htk")} followed by that log.
 * The FFT is JTransforms'; the filter bank and framing are a few lines written here.
 */
public final class LogMelSpectrogram {
    private static final float LOG_FLOOR = 1e-6f;

    /**
     * The transform's parameters.
     *
     * @param sampleRate samples per second of the input
     * @param nFft window and FFT length in samples
     * @param hop samples between frame starts
     * @param nMels number of mel filters
     * @param fMin lowest frequency of the filter bank, Hz
     * @param fMax highest frequency of the filter bank, Hz (at most the Nyquist frequency)
     */
    public record Settings(int sampleRate, int nFft, int hop, int nMels, double fMin, double fMax) {
        /** Checks the values. */
        public Settings {
            Ssl4jException.check(sampleRate > 0, "audio sample rate must be > 0, got %d", sampleRate);
            Ssl4jException.check(nFft >= 16, "audio nFft must be >= 16, got %d", nFft);
            Ssl4jException.check(hop >= 1 && hop <= nFft, "audio hop must be in [1, nFft=%d], got %d", nFft, hop);
            Ssl4jException.check(nMels >= 1 && nMels <= nFft / 2, "audio nMels must be in [1, nFft/2=%d], got %d",
                    nFft / 2, nMels);
            Ssl4jException.check(fMin >= 0 && fMin < fMax && fMax <= sampleRate / 2.0,
                    "audio mel range must satisfy 0 <= fMin < fMax <= %s Hz, got [%s, %s]", sampleRate / 2.0, fMin,
                    fMax);
        }

        /** 16 kHz audio, 32 ms windows every 10 ms, 64 mel bands over the whole spectrum. */
        public static Settings defaults16k() {
            return new Settings(16_000, 512, 160, 64, 0, 8_000);
        }
    }

    private final Settings settings;
    private final float[] window;
    private final float[][] filters; // (nMels, nFft / 2 + 1)
    private final FloatFFT_1D fft;

    /** Builds the window and the filter bank. */
    public LogMelSpectrogram(Settings settings) {
        this.settings = settings;
        int n = settings.nFft();
        this.window = new float[n];
        for (int i = 0; i < n; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n)); // periodic Hann
        }
        this.filters = filterBank(settings);
        this.fft = new FloatFFT_1D(n);
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** The HTK mel of a frequency in Hz. */
    public static double hzToMel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    /** The frequency in Hz of an HTK mel. */
    public static double melToHz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    /**
     * The centre frequencies of the filters in Hz: {@code nMels + 2} points evenly spaced in mel from {@code fMin}
     * to {@code fMax}, without the two ends.
     */
    public double[] centres() {
        double[] points = melPoints(settings);
        double[] out = new double[settings.nMels()];
        System.arraycopy(points, 1, out, 0, out.length);
        return out;
    }

    /** A copy of the filter bank, {@code (nMels, nFft / 2 + 1)}: the weight of each FFT bin in each band. */
    public float[][] filterBank() {
        float[][] out = new float[filters.length][];
        for (int m = 0; m < filters.length; m++) {
            out[m] = filters[m].clone();
        }
        return out;
    }

    private static double[] melPoints(Settings s) {
        double low = hzToMel(s.fMin());
        double high = hzToMel(s.fMax());
        double[] hz = new double[s.nMels() + 2];
        for (int i = 0; i < hz.length; i++) {
            hz[i] = melToHz(low + (high - low) * i / (s.nMels() + 1));
        }
        return hz;
    }

    private static float[][] filterBank(Settings s) {
        double[] f = melPoints(s);
        int bins = s.nFft() / 2 + 1;
        float[][] out = new float[s.nMels()][bins];
        for (int m = 0; m < s.nMels(); m++) {
            for (int k = 0; k < bins; k++) {
                double hz = (double) s.sampleRate() / 2 * k / (bins - 1);
                double rising = (hz - f[m]) / (f[m + 1] - f[m]);
                double falling = (f[m + 2] - hz) / (f[m + 2] - f[m + 1]);
                out[m][k] = (float) Math.max(0, Math.min(rising, falling));
            }
        }
        return out;
    }

    /** Frames of a signal of {@code samples} samples: {@code 1 + samples / hop} (centred frames). */
    public int frames(int samples) {
        return 1 + samples / settings.hop();
    }

    /**
     * Computes the log-mel spectrogram.
     *
     * @param samples mono audio at the settings' rate, at least one sample
     * @return {@code (nMels, frames(samples.length))} row-major
     */
    public float[] compute(float[] samples) {
        Ssl4jException.check(samples.length >= 1, "audio clip is empty");
        int n = settings.nFft();
        int half = n / 2;
        int frames = frames(samples.length);
        int mels = settings.nMels();
        float[] out = new float[mels * frames];
        float[] buffer = new float[n];
        float[] power = new float[half + 1];
        for (int t = 0; t < frames; t++) {
            int start = t * settings.hop() - half;
            for (int i = 0; i < n; i++) {
                buffer[i] = samples[reflect(start + i, samples.length)] * window[i];
            }
            fft.realForward(buffer); // packed: [Re0, Re(n/2), Re1, Im1, Re2, Im2, ...]
            power[0] = buffer[0] * buffer[0];
            power[half] = buffer[1] * buffer[1];
            for (int k = 1; k < half; k++) {
                power[k] = buffer[2 * k] * buffer[2 * k] + buffer[2 * k + 1] * buffer[2 * k + 1];
            }
            for (int m = 0; m < mels; m++) {
                float[] weights = filters[m];
                float energy = 0;
                for (int k = 0; k <= half; k++) {
                    energy += weights[k] * power[k];
                }
                out[m * frames + t] = (float) Math.log(energy + LOG_FLOOR);
            }
        }
        return out;
    }

    /** Index {@code i} reflected into {@code [0, length)} without repeating the edge sample, as numpy's "reflect". */
    private static int reflect(int i, int length) {
        if (length == 1) {
            return 0;
        }
        int period = 2 * (length - 1);
        int j = Math.floorMod(i, period);
        return j < length ? j : period - j;
    }
}
