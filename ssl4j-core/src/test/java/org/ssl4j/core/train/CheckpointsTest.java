package org.ssl4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.EngineTest;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.tensor.Tensors;

class CheckpointsTest extends EngineTest {
    private Map<String, NDArray> state(float offset) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        arrays.put("method/encoder.w", manager.arange(6f).reshape(2, 3).add(Tensors.scalar(manager.ones(new Shape()),
                offset)));
        arrays.put("optimizer/encoder.w/m", manager.randomNormal(new Shape(4)));
        return arrays;
    }

    @Test
    void roundTripKeepsTheNewestAndFallsBackPastADamagedFile(@TempDir Path dir) throws Exception {
        Checkpoints checkpoints = new Checkpoints(dir, 2);
        Map<String, NDArray> saved10 = state(10);
        checkpoints.save(10, saved10, Map.of("queue.pointer", 7L));
        checkpoints.save(20, state(20), Map.of("queue.pointer", 9L));
        checkpoints.save(30, state(30), Map.of("queue.pointer", 11L));
        assertThat(checkpoints.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("step-00000030.npz", "step-00000020.npz"); // keep 2
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        Checkpoints.Loaded latest = checkpoints.loadLatest(manager, out).orElseThrow();
        assertThat(latest.step()).isEqualTo(30);
        assertThat(latest.counters()).containsExactlyEntriesOf(Map.of("queue.pointer", 11L));
        assertThat(latest.arrays().get("method/encoder.w").toFloatArray()).containsExactly(30, 31, 32, 33, 34, 35);
        assertThat(latest.arrays().get("method/encoder.w").getShape()).isEqualTo(new Shape(2, 3));
        assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();

        // Damage the newest: flip bytes in its middle. The previous one is used, with a one-line warning.
        Path newest = dir.resolve("step-00000030.npz");
        byte[] bytes = Files.readAllBytes(newest);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 16; i++) {
            bytes[i] ^= 0x5a;
        }
        Files.write(newest, bytes);
        Checkpoints.Loaded fallback = checkpoints.loadLatest(manager, out).orElseThrow();
        assertThat(fallback.step()).isEqualTo(20);
        assertThat(log.toString(StandardCharsets.UTF_8)).startsWith("warning: " + newest + " is damaged or truncated")
                .contains("trying the previous checkpoint");

        // Truncate the other one too: nothing intact is an error naming the directory.
        Path older = dir.resolve("step-00000020.npz");
        Files.write(older, java.util.Arrays.copyOf(Files.readAllBytes(older), 100));
        assertThatThrownBy(() -> checkpoints.loadLatest(manager, out)).isInstanceOf(Ssl4jException.class)
                .hasMessageStartingWith(dir + ": no intact checkpoint");
    }

    @Test
    void emptyDirectoryHasNoCheckpointAndCopyIntoOverwritesInPlace(@TempDir Path dir) throws Exception {
        assertThat(new Checkpoints(dir.resolve("none"), 1).loadLatest(manager, System.err)).isEmpty();
        NDArray target = manager.zeros(new Shape(2, 2));
        target.setRequiresGradient(true);
        NDArray same = target;
        Tensors.copyInto(target, manager.arange(4f).reshape(2, 2));
        assertThat(same.toFloatArray()).containsExactly(0, 1, 2, 3);
        assertThatThrownBy(() -> Tensors.copyInto(target, manager.zeros(new Shape(4))))
                .hasMessageContaining("cannot copy");
    }
}
