package org.ssl4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ssl4j.core.eval.ResultRow;
import org.ssl4j.core.eval.Results;
import org.ssl4j.core.recipe.Recipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ssl4j quickstart}: SimCLR on the bundled digits, then the linear and kNN protocols, in one table. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Pretrain SimCLR on the bundled 8,000 MNIST training digits (shipped recipe mnist/simclr), then "
                + "report linear-probe and kNN top-1 on the 2,000 held-out digits beside the random-init and "
                + "raw-pixel baselines.")
final class QuickstartCommand implements Callable<Integer> {
    static final String RECIPE = "mnist/simclr";

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/quickstart",
            description = "The run directory to create (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a field of the shipped recipe.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Recipe recipe = Runs.loadRecipe(RECIPE, overrides);
        Runs.pretrain(recipe, out, Path.of(""), System.err);
        List<ResultRow> rows = Evaluations.evaluate(out,
                EnumSet.of(Evaluations.Protocol.LINEAR, Evaluations.Protocol.KNN), Path.of(""),
                System.err);
        System.out.println();
        System.out.printf(Locale.ROOT, "Held-out top-1 (%%) on %s, kNN k=%d, temperature %s:%n%n", "2,000 digits",
                recipe.eval().knn().k(), recipe.eval().knn().temperature());
        System.out.print(Results.table(rows));
        System.out.printf(Locale.ROOT, "%nresults: %s   total %.1f s%n", out.resolve("results.json"),
                (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
