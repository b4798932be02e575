package org.ssl4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.encoder.Embeddings;
import org.ssl4j.core.encoder.Encoder;
import org.ssl4j.core.encoder.Encoders;
import org.ssl4j.core.recipe.DataConfig;
import org.ssl4j.core.recipe.Recipe;
import org.ssl4j.image.data.ImageData;
import org.ssl4j.video.data.VideoData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ssl4j embed}: writes the embeddings of a run's data, or of a folder of images, as CSV and NumPy files. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed images, or a video run's videos (features averaged over data.clip.evalClips clips), with "
                + "a run's encoder and write embeddings.csv (id,label,e0..), embeddings.npy (float32 N x D) and, for "
                + "labelled data, labels.npy into --out.")
final class EmbedCommand implements Callable<Integer> {
    /** Which images to embed. */
    enum Split {
        /** The run's training images. */
        TRAIN,
        /** The run's held-out images. */
        TEST
    }

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A run directory from pretrain.")
    Path run;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "train",
            description = "train or test: which of the run's images to embed (default ${DEFAULT-VALUE}).")
    Split split;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Embed every JPEG/PNG under DIR instead (converted and resized to the encoder's input "
                    + "shape); ids are the paths relative to DIR.")
    Path images;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the files are written.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Recipe recipe = Runs.loadRun(run);
        try (Encoder encoder = Encoders.load(run.resolve("encoder"))) {
            Dataset data;
            if (images != null) {
                List<Integer> shape = encoder.inputShape(); // [C, H, W]
                Ssl4jException.check(shape.size() == 3 && shape.get(1).equals(shape.get(2)),
                        "%s: --images needs an encoder of square images, this one takes %s", run, shape);
                data = ImageData.open(new DataConfig("folder", null, null, null, null, images.toString(), null,
                        shape.get(1), shape.get(0), recipe.data().onCorrupt(), null, null, null, null, null, null, null),
                        Path.of(""), System.err).train();
            } else if (recipe.data().source().equals("videofolder")) { // clip-averaged features of each video
                VideoData.Split videos = VideoData.open(recipe.data(), null);
                int size = encoder.inputShape().get(encoder.inputShape().size() - 1);
                data = VideoData.uniformClips(split == Split.TRAIN ? videos.train() : videos.test(), recipe.data(),
                        size, System.err);
            } else {
                ImageData.TrainTest all = ImageData.open(recipe.data(), Path.of(""), System.err);
                data = split == Split.TRAIN ? all.train() : all.test();
                Ssl4jException.check(data != null, "%s: the run's data has no held-out split to embed", run);
            }
            int rows = Embeddings.write(encoder, data, out);
            System.out.printf(Locale.ROOT, "%d embeddings of %d features written to %s%n", rows,
                    encoder.numFeatures(), out);
        }
        return 0;
    }
}
