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

/** {@code ssl4j eval linear|knn}: measures a run's encoder and the two baselines. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a run's frozen encoder beside the random-init and raw-pixel baselines; rows are "
                + "appended to results.json in the run directory.")
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROTOCOL", description = "linear or knn.")
    Evaluations.Protocol protocol;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A run directory from pretrain.")
    Path run;

    @Override
    public Integer call() throws Exception {
        List<ResultRow> rows = Evaluations.evaluate(run, Set.of(protocol), Path.of(""), System.err);
        System.out.print(Results.table(rows));
        return 0;
    }
}
