package org.ssl4j.video.method.xdc;

import java.util.Locale;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.recipe.MethodConfig;
import org.ssl4j.core.recipe.RecipeValues;
import org.ssl4j.video.audio.LogMelSpectrogram;

/**
 * Settings of cross-modal deep clustering (Alwassel et al. 2020, "Self-supervised learning by cross-modal audio-video
 * clustering").
 *
 * @param variant {@code xdc} (default: each modality's encoder classifies the other modality's clusters),
 *     {@code sdc} (single-modality: each its own) or {@code mdc} (multi-head: each both, with two heads)
 * @param clusters {@code k}, the clusters of each modality's k-means (default 64)
 * @param kmeansIterations the most Lloyd iterations of a clustering (default 20)
 * @param reclusterEvery epochs between two clusterings, each with freshly initialised heads (default 1)
 * @param audioBackbone the audio encoder, a 2D backbone name on 1-channel log-mel spectrograms (default
 *     {@code resnet10})
 * @param audioWidth its channel multiplier, a whole number (default 1)
 * @param audioStem its ResNet stem (default {@code imagenet}: the 7x7/2 convolution and max pool make the first
 *     stage run on a quarter of the spectrogram's side, as the paper's audio ResNet; {@code cifar} keeps the whole
 *     spectrogram, at 16 times the cost)
 * @param audioSeconds the audio window read with each clip, from the clip's start (default 1)
 * @param sampleRate the rate the audio is resampled to (default 16,000)
 * @param mels mel bands of the spectrogram (default 64; 32 ms windows every 10 ms)
 */
public record XdcConfig(String variant, Integer clusters, Integer kmeansIterations, Integer reclusterEvery,
        String audioBackbone, Integer audioWidth, String audioStem, Double audioSeconds, Integer sampleRate,
        Integer mels) implements MethodConfig {
    /** Fills defaults and validates. */
    public XdcConfig {
        variant = variant == null ? "xdc" : variant.toLowerCase(Locale.ROOT);
        Ssl4jException.check(variant.equals("xdc") || variant.equals("sdc") || variant.equals("mdc"),
                "method.variant must be xdc, sdc or mdc: %s", variant);
        clusters = RecipeValues.positive(clusters, 64, "method.clusters");
        Ssl4jException.check(clusters >= 2, "method.clusters must be >= 2: %s", clusters);
        kmeansIterations = RecipeValues.positive(kmeansIterations, 20, "method.kmeansIterations");
        reclusterEvery = RecipeValues.positive(reclusterEvery, 1, "method.reclusterEvery");
        audioBackbone = audioBackbone == null ? "resnet10" : audioBackbone;
        audioWidth = RecipeValues.positive(audioWidth, 1, "method.audioWidth");
        audioStem = audioStem == null ? "imagenet" : audioStem;
        Ssl4jException.check(audioStem.equals("imagenet") || audioStem.equals("cifar"),
                "method.audioStem must be imagenet or cifar: %s", audioStem);
        audioSeconds = audioSeconds == null ? 1.0 : audioSeconds;
        Ssl4jException.check(audioSeconds > 0, "method.audioSeconds must be > 0: %s", audioSeconds);
        sampleRate = sampleRate == null ? 16_000 : sampleRate;
        Ssl4jException.check(sampleRate >= 8000, "method.sampleRate must be >= 8000: %s", sampleRate);
        mels = RecipeValues.positive(mels, 64, "method.mels");
        spectrogram(sampleRate, mels);
    }

    /** The log-mel transform: 32 ms windows every 10 ms, {@code mels} bands up to the Nyquist frequency. */
    public LogMelSpectrogram.Settings spectrogram() {
        return spectrogram(sampleRate, mels);
    }

    private static LogMelSpectrogram.Settings spectrogram(int rate, int mels) {
        int window = Integer.highestOneBit((int) Math.round(0.032 * rate));
        return new LogMelSpectrogram.Settings(rate, window, (int) Math.round(0.01 * rate), mels, 0, rate / 2.0);
    }

    /** Whether a modality's encoder classifies the other modality's clusters. */
    public boolean crossModal() {
        return !variant.equals("sdc");
    }

    /** Whether a modality's encoder classifies its own modality's clusters. */
    public boolean selfModal() {
        return !variant.equals("xdc");
    }
}
