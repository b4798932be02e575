package org.ssl4j.video.method.xdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.HostBatch;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.recipe.BackboneConfig;
import org.ssl4j.core.tensor.Tensors;
import org.ssl4j.core.train.Engines;
import org.ssl4j.video.audio.AudioReader;
import org.ssl4j.video.audio.LogMelSpectrogram;
import org.ssl4j.video.augment.ClipAugmentation;
import org.ssl4j.video.data.SampleLayout;
import org.ssl4j.video.data.VideoFolder;
import org.ssl4j.video.io.ClipSampler;
import org.ssl4j.video.io.VideoDecoder;
import org.ssl4j.video.synth.MotionDigits;
import org.ssl4j.video.synth.SquareDigits;

/** XDC's samples, its clusterings (which never read a label) and its rounds, on a tiny MotionDigits with sound. */
class XdcTest {
    private static final int SIZE = 32;
    private static final int FRAMES = 4;
    private static final int K = 4;
    private static final BackboneConfig VIDEO = new BackboneConfig("r3d-10", 0.125, null, 1);

    @TempDir
    static Path dir;
    static VideoFolder videos;

    @BeforeAll
    static void generate() {
        MotionDigits.generate(new MotionDigits.Settings(1, SIZE, 12, 25, 1, 1, 0, 0.8, false, 16_000, 2),
                SquareDigits.dataset(), SquareDigits.dataset(), dir.resolve("md"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        videos = VideoFolder.fromList(dir.resolve("md"), "trainlist01.txt");
    }

    private static XdcConfig config(String variant) {
        return new XdcConfig(variant, K, 5, 1, "small-convnet", 1, null, 0.4, 16_000, 32);
    }

    private static XdcDataset dataset(VideoFolder folder, XdcConfig config) {
        return new XdcDataset(folder, new ClipSampler(FRAMES, 2, 25, ClipSampler.Position.RANDOM, 1), SIZE,
                config.audioSeconds(), config.spectrogram());
    }

    private static Xdc initialised(XdcConfig config, XdcDataset data, NDManager manager) {
        Engines.seed(0);
        Xdc xdc = new Xdc(config, () -> Backbones.create(VIDEO));
        xdc.bindTrainingData(data, 2);
        xdc.initialize(manager, new Shape(4, 3, FRAMES, SIZE, SIZE));
        xdc.beforeStep(manager, 0); // the first round's clusters
        return xdc;
    }

    @Test
    void aSampleIsTheClipAndTheSpectrogramOfItsSound() {
        XdcConfig config = config("xdc");
        XdcDataset data = dataset(videos, config);
        SampleLayout layout = data.layout();
        assertThat(layout.shape(XdcDataset.AUDIO)).containsExactly(1, 32, 41); // 0.4 s every 10 ms, centred frames
        float[] sample = new float[layout.sampleLength()];
        data.read(3, sample, 0, new SplittableRandom(9));
        Path file = videos.paths().get(3);
        double[] times;
        double duration;
        try (VideoDecoder decoder = VideoDecoder.open(file, SIZE, SIZE, 1)) {
            duration = decoder.info().seconds();
            times = new ClipSampler(FRAMES, 2, 25, ClipSampler.Position.RANDOM, 1).clipTimes(duration,
                    new SplittableRandom(9))[0];
            float[] first = decoder.framesAt(new double[] {times[0]})[0];
            assertThat(Arrays.copyOf(sample, SIZE * SIZE)).containsExactly(Arrays.copyOf(first, SIZE * SIZE));
        }
        float[] sound = AudioReader.read(file, 16_000, Math.min(times[0], duration - 0.4), 0.4);
        float[] mel = new LogMelSpectrogram(config.spectrogram()).compute(sound);
        assertThat(Arrays.copyOfRange(sample, layout.offset(XdcDataset.AUDIO), layout.sampleLength()))
                .containsExactly(mel);

        XdcViews views = new XdcViews(new ClipAugmentation(1, 28, 0.5, 1, 0, 0.8, 0.4, 0.2), layout);
        assertThat(views.viewShape(0, data.sampleShape())).containsExactly(3, FRAMES, 28, 28);
        assertThat(views.viewShape(1, data.sampleShape())).containsExactly(1, 32, 41);
    }

    @Test
    void theClustersNeverDependOnTheLabels() {
        XdcConfig config = config("xdc");
        int[] scrambled = new int[videos.size()]; // every video in one class, under other names
        VideoFolder unlabelled = new VideoFolder(videos.root(), videos.paths(), scrambled, List.of("x"));
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            Xdc labelled = initialised(config, dataset(videos, config), manager);
            Xdc blind = initialised(config, dataset(unlabelled, config), manager);
            for (int i = 0; i < videos.size(); i++) {
                assertThat(blind.clustersOf(i)).as("video %d", i).containsExactly(labelled.clustersOf(i));
            }
            // A batch without labels trains: the targets come from the clusters of the samples' indices.
            XdcDataset data = dataset(unlabelled, config);
            HostBatch batch = batch(data, new int[] {0, 3, 5, 9});
            float loss = new org.ssl4j.core.train.Pretrainer(blind, org.ssl4j.core.optim.AdamW.builder().build(),
                    org.ssl4j.core.optim.Optimizers.warmupCosine(1e-3f, 0, 1), 2, null, List.of())
                    .run(manager, () -> batch, 0, 1).loss();
            // Two balanced cross-entropies over K clusters start near 2 log K.
            assertThat(loss).isBetween(0.5f * 2 * (float) Math.log(K), 3f * 2 * (float) Math.log(K));
        }
    }

    /** Views of the samples {@code indices} of {@code data}, as the loader makes them, with no labels. */
    private static HostBatch batch(XdcDataset data, int[] indices) {
        XdcViews views = new XdcViews(new ClipAugmentation(1, SIZE, 0.5, 1, 0, 0.8, 0.4, 0.2), data.layout());
        int[] shape = data.sampleShape();
        float[][] out = {new float[indices.length * views.viewLength(0, shape)],
            new float[indices.length * views.viewLength(1, shape)]};
        float[] sample = new float[data.sampleLength()];
        for (int i = 0; i < indices.length; i++) {
            SplittableRandom random = new SplittableRandom(i);
            data.read(indices[i], sample, 0, random);
            views.apply(sample, shape, random, out, i);
        }
        return new HostBatch(0, 0, out, new int[][] {views.viewShape(0, shape), views.viewShape(1, shape)}, null,
                indices);
    }

    @Test
    void anEpochsEndStartsARoundWithNewClustersAndFreshHeads() {
        XdcConfig config = config("mdc");
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            Xdc xdc = initialised(config, dataset(videos, config), manager);
            assertThat(xdc.parameters().keys().stream().map(k -> k.substring(0, k.indexOf('.'))).distinct())
                    .containsExactly("encoder", "audioEncoder", "videoHead", "audioHead", "videoSelfHead",
                            "audioSelfHead");
            float[] head = xdc.stateArrays().get("videoHead.weight").toFloatArray();
            xdc.afterStep(manager, 0, 10); // mid-epoch (2 steps per epoch): nothing happens
            assertThat(xdc.stateCounters()).containsEntry("clusters.round", 0L);
            assertThat(xdc.stateArrays().get("videoHead.weight").toFloatArray()).containsExactly(head);
            xdc.afterStep(manager, 1, 10); // the epoch's last step
            assertThat(xdc.stateCounters()).containsEntry("clusters.round", 1L);
            assertThat(xdc.stateArrays().get("videoHead.weight").toFloatArray()).isNotEqualTo(head);
            assertThat(xdc.stateArrays().get("videoHead.bias").toFloatArray()).containsOnly(0f);
            xdc.afterStep(manager, 9, 10); // the run's last step: no clustering for a round that will not run
            assertThat(xdc.stateCounters()).containsEntry("clusters.round", 1L);
        }
    }

    @Test
    void restoredClustersAreKeptAndNotComputedAgain() {
        XdcConfig config = config("xdc");
        XdcDataset data = dataset(videos, config);
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            Xdc xdc = new Xdc(config, () -> Backbones.create(VIDEO));
            xdc.bindTrainingData(data, 2);
            xdc.initialize(manager, new Shape(4, 3, FRAMES, SIZE, SIZE));
            float[] restored = new float[2 * videos.size()]; // as a checkpoint would hold them: video i in i % K
            for (int i = 0; i < videos.size(); i++) {
                restored[i] = i % K;
                restored[videos.size() + i] = (i + 1) % K;
            }
            Tensors.copyInto(xdc.stateArrays().get("clusters.assignments"),
                    manager.create(restored, new Shape(2, videos.size())));
            xdc.restoreCounters(Map.of("clusters.round", 3L));
            xdc.beforeStep(manager, 6);
            for (int i = 0; i < videos.size(); i++) {
                assertThat(xdc.clustersOf(i)).as("video %d", i).containsExactly(i % K, (i + 1) % K);
            }
            assertThat(xdc.stateCounters()).containsEntry("clusters.round", 3L);
        }
    }

    @Test
    void badSettingsAreOneLineErrors() {
        assertThatThrownBy(() -> new XdcConfig("cross", null, null, null, null, null, null, null, null, null))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("method.variant must be xdc, sdc or mdc");
        assertThatThrownBy(() -> new XdcConfig(null, 1, null, null, null, null, null, null, null, null))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("method.clusters must be >= 2");
        assertThatThrownBy(() -> new XdcConfig(null, null, null, null, null, null, "vgg", null, null, null))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("method.audioStem must be imagenet or cifar");
        Xdc xdc = new Xdc(new XdcConfig(null, 64, null, null, "small-convnet", null, null, null, null, null),
                () -> Backbones.create(VIDEO));
        assertThatThrownBy(() -> xdc.bindTrainingData(dataset(videos, config("xdc")), 2))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("method.clusters 64 exceeds the 10");
    }
}
