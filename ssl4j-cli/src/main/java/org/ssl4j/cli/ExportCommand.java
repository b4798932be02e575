package org.ssl4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ssl4j.core.encoder.Encoders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ssl4j export}: writes a run's bare encoder as one file for {@code Encoders.load}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a run's encoder (parameters and a JSON architecture spec, in one zip file) that "
                + "Encoders.load(path) in Java turns back into a ready encoder.")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A run directory from pretrain.")
    Path run;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write, e.g. encoder.zip.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Runs.loadRun(run);
        int features = Encoders.export(run, out);
        System.out.println("encoder (" + features + " features) written to " + out);
        return 0;
    }
}
