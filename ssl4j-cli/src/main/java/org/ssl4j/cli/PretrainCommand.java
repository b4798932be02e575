package org.ssl4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ssl4j pretrain}: trains an encoder as a recipe says. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pretrain an encoder without labels as a recipe says; writes recipe.resolved.yaml, "
                + "metrics.jsonl, checkpoints/ and encoder/ into --out. With --resume, continue a killed run from its "
                + "newest intact checkpoint.")
final class PretrainCommand implements Callable<Integer> {
    @Option(names = "--recipe", paramLabel = "FILE",
            description = "A recipe YAML file, or the name of a shipped recipe (see `ssl4j recipes`).")
    String recipe;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a recipe field, e.g. --set train.epochs=5 --set optim.lr=0.01.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "The run directory to create.")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run in DIR from its newest intact checkpoint, with the recipe saved there "
                    + "(no --recipe, --set or --out).")
    Path resume;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path run;
        if (resume != null) {
            if (recipe != null || out != null || !overrides.isEmpty()) {
                throw new ParameterException(spec.commandLine(),
                        "--resume continues a run with its saved recipe: drop --recipe, --set and --out");
            }
            Runs.resume(resume, System.err);
            run = resume;
        } else {
            if (recipe == null || out == null) {
                throw new ParameterException(spec.commandLine(), "give --recipe and --out, or --resume DIR");
            }
            Runs.pretrain(Runs.loadRecipe(recipe, overrides), out, Path.of(""), System.err);
            run = out;
        }
        System.out.println("encoder saved to " + run.resolve("encoder"));
        return 0;
    }
}
