package org.ssl4j.cli;

import java.io.PrintWriter;
import org.ssl4j.core.Ssl4jException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ssl4j} command: self-supervised pretraining and evaluation from the command line. */
@Command(name = "ssl4j", mixinStandardHelpOptions = true, version = "ssl4j 0.1.0",
        description = "Self-supervised representation learning for the JVM.",
        subcommands = {PretrainCommand.class, EvalCommand.class, EmbedCommand.class, ExportCommand.class,
            RecipesCommand.class, QuickstartCommand.class, BenchCommand.class, CompareCommand.class, DataCommand.class,
            RlCommand.class, ContinualCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure", "2:usage or input error"})
public final class Ssl4j implements Runnable {
    /** Exit code for a user's mistake. */
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (for tests and embedding). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Ssl4j());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args1) -> {
            CommandLine command = e.getCommandLine();
            PrintWriter err = command.getErr();
            err.println("ssl4j: error: " + e.getMessage().lines().findFirst().orElse("") + " (see `"
                    + command.getCommandSpec().qualifiedName() + " --help`)");
            err.flush();
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e;
            while (cause != null && !(cause instanceof Ssl4jException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                PrintWriter err = commandLine.getErr();
                err.println("ssl4j: error: " + cause.getMessage());
                err.flush();
                return USAGE;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
