package org.ssl4j.video.data;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.Splits;
import org.ssl4j.core.recipe.DataConfig;
import org.ssl4j.video.io.ClipSampler;

/**
 * Opens the videos a recipe's {@code data.source: videofolder} names, as the clip datasets of pretraining (two clips
 * per video at random times: the two views of video contrastive learning) and of evaluation (clips spread uniformly
 * over each video, whose features are averaged). The folder is read in the UCF101 layout when it holds
 * {@code classInd.txt} (lists {@code data.trainList} and {@code data.testList}), or else as class sub-folders
 * (held out: {@code data.testDir}, or a stratified split of {@code data.testFraction}).
 */
public final class VideoData {
    private VideoData() {}

    /** The training and held-out videos. */
    public record Split(VideoFolder train, VideoFolder test) {}

    /**
     * The training and held-out videos of {@code config} (a {@code videofolder} source with absolute paths), the
     * training videos cut to {@code data.trainFraction}.
     *
     * @param testList a list file in the UCF101 layout to hold out instead of {@code data.testList} (such as
     *     MotionDigits' {@code biasedtestlist01.txt}), or {@code null}
     */
    public static Split open(DataConfig config, String testList) {
        Split all = openAll(config, testList);
        if (config.trainFraction() == 1) {
            return all;
        }
        int[] kept = Splits.labelFraction(all.train().labels(), config.trainFraction(), config.splitSeed());
        return new Split(all.train().subset(kept), all.test());
    }

    private static Split openAll(DataConfig config, String testList) {
        Ssl4jException.check(config.source().equals("videofolder"), "data.source is %s, not videofolder",
                config.source());
        Path root = Path.of(config.dir());
        Ssl4jException.check(Files.isDirectory(root), "data.dir %s is not a directory", root);
        if (Files.isRegularFile(root.resolve("classInd.txt"))) {
            String trainList = config.trainList() == null ? "trainlist01.txt" : config.trainList();
            String heldOut = testList != null ? testList : config.testList() == null ? "testlist01.txt"
                    : config.testList();
            return new Split(VideoFolder.fromList(root, trainList), VideoFolder.fromList(root, heldOut));
        }
        Ssl4jException.check(config.trainList() == null && config.testList() == null && testList == null,
                "%s has no classInd.txt, so it is read as class folders and split lists do not apply", root);
        VideoFolder all = VideoFolder.fromClassFolders(root);
        if (config.testDir() != null) {
            VideoFolder test = VideoFolder.fromClassFolders(Path.of(config.testDir()));
            Ssl4jException.check(test.classNames().equals(all.classNames()),
                    "data.testDir %s has classes %s, but data.dir has %s", config.testDir(), test.classNames(),
                    all.classNames());
            return new Split(all, test);
        }
        Splits.Split split = Splits.stratified(all.labels(), config.testFraction(), config.splitSeed());
        return new Split(all.subset(split.train()), all.subset(split.test()));
    }

    /**
     * Training clips: {@code clips} per video at random times (two for contrastive pretraining, one for fine-tuning),
     * decoded to {@code data.size} square frames.
     */
    public static ClipDataset randomClips(VideoFolder videos, DataConfig config, int clips, PrintStream log) {
        DataConfig.ClipConfig clip = config.clip();
        return new ClipDataset(videos, new ClipSampler(clip.frames(), clip.stride(), clip.fps(),
                ClipSampler.Position.RANDOM, clips), config.size(), config.size(), onCorrupt(config), log);
    }

    /** Evaluation clips: {@code data.clip.evalClips} per video spread uniformly, decoded to {@code size} frames. */
    public static ClipDataset uniformClips(VideoFolder videos, DataConfig config, int size, PrintStream log) {
        DataConfig.ClipConfig clip = config.clip();
        return new ClipDataset(videos, new ClipSampler(clip.frames(), clip.stride(), clip.fps(),
                ClipSampler.Position.UNIFORM, clip.evalClips()), size, size, onCorrupt(config), log);
    }

    private static ClipDataset.OnCorrupt onCorrupt(DataConfig config) {
        return ClipDataset.OnCorrupt.parse(config.onCorrupt());
    }
}
