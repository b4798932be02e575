package org.ssl4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ssl4j.core.recipe.Recipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ssl4j pretrain}: trains an encoder as a recipe says. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pretrain an encoder without labels as a recipe says; writes recipe.resolved.yaml, "
                + "metrics.jsonl and encoder/ into --out.")
final class PretrainCommand implements Callable<Integer> {
    @Option(names = "--recipe", required = true, paramLabel = "FILE",
            description = "A recipe YAML file, or the name of a shipped recipe (see `ssl4j recipes`).")
    String recipe;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a recipe field, e.g. --set train.epochs=5 --set optim.lr=0.01.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The run directory to create.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Recipe loaded = Runs.loadRecipe(recipe, overrides);
        Runs.pretrain(loaded, out, Path.of(""), System.err);
        System.out.println("encoder saved to " + out.resolve("encoder"));
        return 0;
    }
}
