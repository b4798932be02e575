package org.ssl4j.video.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.recipe.DataConfig;
import org.ssl4j.core.data.BatchLoader;
import org.ssl4j.core.data.HostBatch;
import org.ssl4j.core.data.ViewTransform;
import org.ssl4j.video.augment.ClipAugmentation;
import org.ssl4j.video.io.ClipSampler;
import org.ssl4j.video.synth.MotionDigits;
import org.ssl4j.video.synth.SquareDigits;

/** Video folders read from UCF101 lists and class folders, clips through the core loader, corrupt files. */
class ClipDatasetTest {
    @TempDir
    static Path dir;

    private static Path root;

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @BeforeAll
    static void generate() {
        root = dir.resolve("md");
        MotionDigits.generate(new MotionDigits.Settings(1, 32, 12, 25, 2, 1, 0, 0.8, false, 16_000, 2),
                SquareDigits.dataset(), SquareDigits.dataset(), root, QUIET);
    }

    private static ClipSampler sampler() {
        return new ClipSampler(4, 2, 25, ClipSampler.Position.RANDOM, 2);
    }

    @Test
    void readsUcf101ListsAndClassFolders() throws Exception {
        VideoFolder train = VideoFolder.fromList(root, "trainlist01.txt");
        assertThat(train.size()).isEqualTo(20);
        assertThat(train.classNames()).hasSize(10).startsWith("Left", "Right");
        assertThat(train.labels()[0]).isZero();
        assertThat(train.labels()[19]).isEqualTo(9);
        VideoFolder test = VideoFolder.fromList(root, "testlist01.txt"); // no labels in the list: from the folder
        assertThat(test.size()).isEqualTo(10);
        assertThat(test.labels()[3]).isEqualTo(3);
        VideoFolder folders = VideoFolder.fromClassFolders(root);
        assertThat(folders.size()).isEqualTo(30);
        assertThat(folders.classNames()).contains("ZoomIn").hasSize(10);

        Files.writeString(root.resolve("bad.txt"), "Left/v_Left_g01_c01.mp4 3\n");
        assertThatThrownBy(() -> VideoFolder.fromList(root, "bad.txt")).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("bad.txt line 1").hasMessageContaining("disagrees");
        assertThatThrownBy(() -> VideoFolder.fromList(root, "none.txt")).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("none.txt");
    }

    private static DataConfig videoFolder(Path folder, String trainList, String testList) {
        return videoFolder(folder, trainList, testList, null);
    }

    private static DataConfig videoFolder(Path folder, String trainList, String testList, Double trainFraction) {
        return new DataConfig("videofolder", null, null, null, null, folder.toString(), null, 24, null, null, null, 0.5,
                0L, trainList, testList, null, trainFraction);
    }

    /** A label-scarce run sees a class-balanced fraction of the training videos, the held-out ones all. */
    @Test
    void aTrainFractionKeepsAClassBalancedSubsetOfTheTrainingVideos() {
        VideoData.Split all = VideoData.open(videoFolder(root, null, null), null);
        VideoData.Split half = VideoData.open(videoFolder(root, null, null, 0.5), null);
        assertThat(half.train().size()).isEqualTo(all.train().size() / 2);
        assertThat(all.train().paths()).containsAll(half.train().paths());
        int[] perClass = new int[10];
        for (int label : half.train().labels()) {
            perClass[label]++;
        }
        assertThat(perClass).containsOnly(1); // 2 per class, half of them
        assertThat(half.test().paths()).isEqualTo(all.test().paths());
        assertThat(VideoData.open(videoFolder(root, null, null, 0.5), null).train().paths())
                .isEqualTo(half.train().paths());
        assertThatThrownBy(() -> videoFolder(root, null, null, 0.0)).isInstanceOf(Ssl4jException.class)
                .hasMessage("data.trainFraction must be in (0, 1]: 0.0");
    }

    @Test
    void recipesOpenListsOrSplitClassFoldersIntoRandomAndUniformClips() throws Exception {
        VideoData.Split lists = VideoData.open(videoFolder(root, null, null), null);
        assertThat(lists.train().size()).isEqualTo(20);
        assertThat(lists.test().size()).isEqualTo(10);
        assertThat(VideoData.open(videoFolder(root, null, null), "trainlist01.txt").test().size()).isEqualTo(20);

        Path folders = dir.resolve("folders"); // two classes of class folders, no classInd.txt: split half and half
        for (String c : new String[] {"Left", "Up"}) {
            Files.createDirectories(folders.resolve(c));
            for (String v : new String[] {"g01_c01", "g01_c02"}) {
                Files.copy(root.resolve(c + "/v_" + c + "_" + v + ".mp4"), folders.resolve(c + "/" + v + ".mp4"));
            }
        }
        VideoData.Split split = VideoData.open(videoFolder(folders, null, null), null);
        assertThat(split.train().labels()).containsExactlyInAnyOrder(0, 1);
        assertThat(split.test().labels()).containsExactlyInAnyOrder(0, 1);
        assertThat(split.train().paths()).doesNotContainAnyElementsOf(split.test().paths());
        assertThatThrownBy(() -> VideoData.open(videoFolder(folders, "trainlist01.txt", null), null))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("no classInd.txt");

        DataConfig config = videoFolder(root, null, null);
        assertThat(VideoData.randomClips(lists.train(), config, 2, QUIET).sampleShape())
                .containsExactly(2, 3, 8, 24, 24);
        assertThat(VideoData.uniformClips(lists.test(), config, 16, QUIET).sampleShape())
                .containsExactly(4, 3, 8, 16, 16);
    }

    @Test
    void clipsAreRepeatableAndFeedTheCoreLoader() {
        ClipDataset clips = new ClipDataset(VideoFolder.fromList(root, "trainlist01.txt"), sampler(), 24, 24,
                ClipDataset.OnCorrupt.FAIL, QUIET);
        assertThat(clips.sampleShape()).containsExactly(2, 3, 4, 24, 24);
        float[] a = new float[clips.sampleLength()];
        float[] b = new float[clips.sampleLength()];
        clips.read(5, a, 0, new SplittableRandom(9));
        clips.read(5, b, 0, new SplittableRandom(9));
        assertThat(b).isEqualTo(a);
        for (float v : a) {
            assertThat(v).isBetween(0f, 1f);
        }
        int half = a.length / 2;
        int differing = 0; // two clips of one video start at independent random times (5 possible frames here)
        for (int i = 0; i < 10; i++) {
            clips.read(i, a, 0, new SplittableRandom(i));
            differing += Arrays.equals(Arrays.copyOfRange(a, 0, half), Arrays.copyOfRange(a, half, a.length)) ? 0 : 1;
        }
        assertThat(differing).isGreaterThanOrEqualTo(5);

        ViewTransform asViews = new ClipAugmentation(2, 24, 1, 1, 0, 0, 0, 0); // each clip one view, unchanged
        try (BatchLoader loader = new BatchLoader(clips, asViews, 4, 3, 0, 3, 2, 2)) {
            for (int step = 0; step < 3; step++) {
                HostBatch batch = loader.next();
                assertThat(batch.viewShapes()[0]).containsExactly(3, 4, 24, 24);
                assertThat(batch.views()[0]).hasSize(4 * 3 * 4 * 24 * 24);
                assertThat(batch.labels()).hasSize(4);
            }
        }
    }

    @Test
    void corruptVideosStopWithTheFileOrAreSkippedForOneOfTheirClass() throws Exception {
        Path copy = dir.resolve("corrupt");
        Files.createDirectories(copy.resolve("Up"));
        for (String f : new String[] {"classInd.txt", "trainlist01.txt"}) {
            Files.copy(root.resolve(f), copy.resolve(f));
        }
        for (String video : new String[] {"Up/v_Up_g01_c01.mp4", "Up/v_Up_g01_c02.mp4"}) {
            Files.copy(root.resolve(video), copy.resolve(video));
        }
        byte[] bytes = Files.readAllBytes(copy.resolve("Up/v_Up_g01_c01.mp4"));
        Files.write(copy.resolve("Up/v_Up_g01_c01.mp4"), Arrays.copyOf(bytes, bytes.length / 2)); // truncated
        Files.writeString(copy.resolve("up.txt"), "Up/v_Up_g01_c01.mp4 3\nUp/v_Up_g01_c02.mp4 3\n");
        VideoFolder videos = VideoFolder.fromList(copy, "up.txt");
        float[] sample = new float[2 * 3 * 4 * 16 * 16];

        ClipDataset strict = new ClipDataset(videos, sampler(), 16, 16, ClipDataset.OnCorrupt.FAIL, QUIET);
        assertThatThrownBy(() -> strict.read(0, sample, 0)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("v_Up_g01_c01.mp4");

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ClipDataset lenient = new ClipDataset(videos, sampler(), 16, 16, ClipDataset.OnCorrupt.SKIP,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        float[] substitute = new float[sample.length];
        lenient.read(0, sample, 0, new SplittableRandom(4));
        lenient.read(1, substitute, 0, new SplittableRandom(4));
        assertThat(sample).isEqualTo(substitute); // the next video of the class, with the same clips
        lenient.read(0, sample, 0, new SplittableRandom(5));
        assertThat(lenient.skipped()).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8).lines()).hasSize(1).allMatch(l -> l.contains("v_Up_g01_c01"));
        assertThatThrownBy(() -> ClipDataset.OnCorrupt.parse("ignore")).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("one of fail, skip").hasMessageContaining("'ignore'");
    }
}
