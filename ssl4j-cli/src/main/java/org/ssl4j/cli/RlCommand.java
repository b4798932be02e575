package org.ssl4j.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.train.Checkpoints;
import org.ssl4j.core.train.Engines;
import org.ssl4j.rl.train.AgentTrainer;
import org.ssl4j.rl.train.LearningCurves;
import org.ssl4j.rl.train.RlRecipe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ssl4j rl}: trains and evaluates agents on ssl4j's pixel control tasks (CURL, pixel SAC and state SAC), the
 * recipes under {@code rl/} in {@code ssl4j recipes}.
 */
@Command(name = "rl", mixinStandardHelpOptions = true,
        description = "Reinforcement learning from pixels: CURL, pixel SAC and state SAC on ssl4j's control tasks.",
        subcommands = {RlCommand.Train.class, RlCommand.Eval.class})
final class RlCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: train or eval");
    }

    /** {@code ssl4j rl train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train an agent as an RL recipe says; writes recipe.resolved.yaml, curve.csv, curve.png and "
                    + "checkpoints/ (the agent and its replay buffer) into --out. With --resume, continue a killed "
                    + "run from its newest intact checkpoint.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--recipe", paramLabel = "FILE",
                description = "An RL recipe file, or a shipped one's name (e.g. rl/cartpole-swingup/curl).")
        String recipe;

        @Option(names = "--set", paramLabel = "KEY=VALUE",
                description = "Override a recipe field, e.g. --set train.envSteps=20000 --set agent.batchSize=64.")
        List<String> overrides = new ArrayList<>();

        @Option(names = "--out", paramLabel = "DIR", description = "The run directory to create.")
        Path out;

        @Option(names = "--resume", paramLabel = "DIR",
                description = "Continue the run in DIR from its newest checkpoint, with the recipe saved there.")
        Path resume;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            RlRecipe loaded;
            Path run;
            if (resume != null) {
                if (recipe != null || out != null || !overrides.isEmpty()) {
                    throw new ParameterException(spec.commandLine(),
                            "--resume continues a run with its saved recipe: drop --recipe, --set and --out");
                }
                loaded = Runs.loadRun(resume, RlRecipe.class);
                Ssl4jException.check(!new Checkpoints(resume.resolve(AgentTrainer.CHECKPOINTS), 1).files().isEmpty(),
                        "%s: no checkpoint to resume from in %s/", resume, AgentTrainer.CHECKPOINTS);
                run = resume;
            } else {
                if (recipe == null || out == null) {
                    throw new ParameterException(spec.commandLine(), "give --recipe and --out, or --resume DIR");
                }
                loaded = Runs.loadRecipe(recipe, overrides, RlRecipe.class);
                Ssl4jException.check(!Files.exists(out.resolve(Runs.RESOLVED)), "%s: already holds a run; choose "
                        + "another --out, delete it, or continue it with --resume", out);
                Files.createDirectories(out);
                Runs.recipeLoader().writeResolved(loaded, out.resolve(Runs.RESOLVED));
                run = out;
            }
            try (NDManager manager = Engines.pytorch().newBaseManager()) {
                AgentTrainer.Report report = new AgentTrainer(loaded.settings(), loaded.agent())
                        .run(loaded.env().suite()::create, manager, System.err, run);
                LearningCurves.writePng(LearningCurves.single(loaded.name(), report.evaluations()),
                        loaded.name(), run.resolve("curve.png"));
                AgentTrainer.Evaluation last = report.evaluations().get(report.evaluations().size() - 1);
                System.out.printf(Locale.ROOT, "%s: mean return %.1f at %d env steps; %.2f updates/s, %.0f env "
                        + "steps/s; curve in %s%n", loaded.name(), last.meanReturn(), last.envSteps(),
                        report.updatesPerSecond(), report.envStepsPerSecond(), run.resolve(AgentTrainer.CURVE));
            }
            return 0;
        }
    }

    /** {@code ssl4j rl eval}. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Evaluate the agent of a run's newest checkpoint: mean return over episodes of its task, "
                    + "acting with the policy's mean.")
    static final class Eval implements Callable<Integer> {
        @Option(names = "--run", paramLabel = "DIR", required = true, description = "A run of `ssl4j rl train`.")
        Path run;

        @Option(names = "--episodes", paramLabel = "N",
                description = "Episodes to average (default: the recipe's train.evalEpisodes).")
        Integer episodes;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (episodes != null && episodes < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--episodes must be >= 1, got "
                        + episodes);
            }
            RlRecipe recipe = Runs.loadRun(run, RlRecipe.class);
            if (episodes != null) {
                recipe = recipe.withEvalEpisodes(episodes);
            }
            try (NDManager manager = Engines.pytorch().newBaseManager()) {
                AgentTrainer.Evaluation e = new AgentTrainer(recipe.settings(), recipe.agent())
                        .evaluate(recipe.env().suite()::create, manager, System.err, run);
                double mean = e.meanReturn();
                double sd = Math.sqrt(Arrays.stream(e.returns()).map(r -> (r - mean) * (r - mean)).sum()
                        / Math.max(1, e.returns().length - 1));
                System.out.printf(Locale.ROOT, "%s: mean return %.1f +- %.1f over %d episodes, agent at %d env "
                        + "steps%n", recipe.name(), mean, sd, e.returns().length, e.envSteps());
            }
            return 0;
        }
    }
}
