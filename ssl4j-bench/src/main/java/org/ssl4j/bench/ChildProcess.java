package org.ssl4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ssl4j.core.Ssl4jException;

/** Runs one measurement as a child process (a JVM or the Python peer) and reads the JSON line it prints last. */
final class ChildProcess {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChildProcess() {}

    /**
     * Runs {@code command} with extra environment {@code env}, waits at most {@code timeoutSeconds}, and returns the
     * last stdout line parsed as JSON; a failure names the command and quotes the end of its output.
     */
    static JsonNode run(List<String> command, Map<String, String> env, long timeoutSeconds) {
        Path log = null;
        try {
            // Output goes to a file, not a pipe, so that waiting can time out while the child is still writing.
            log = Files.createTempFile("ssl4j-bench", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new Ssl4jException("benchmark child timed out after " + timeoutSeconds + " s: " + command);
            }
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
            if (process.exitValue() != 0 || !last.startsWith("{")) {
                String tail = text.length() > 600 ? text.substring(text.length() - 600) : text;
                throw new Ssl4jException("benchmark child failed (exit " + process.exitValue() + "): "
                        + String.join(" ", command.subList(Math.max(0, command.size() - 12), command.size()))
                        + " -- output ends: " + tail.replace('\n', ' '));
            }
            return JSON.readTree(last);
        } catch (IOException e) {
            throw new Ssl4jException("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ssl4jException("interrupted while running " + command.get(0));
        } finally {
            if (log != null) {
                log.toFile().delete();
            }
        }
    }
}
