package org.ssl4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;

/** The CI version of {@code ssl4j bench}: every suite once, one timed step per row, without the peer. */
class BenchmarksSmokeTest {
    @Test
    void everySuiteMeasuresPositiveFiguresInChildProcesses() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Table> tables = new Benchmarks(new Benchmarks.Settings(
                List.of("matmul", "step", "augment", "loader", "video", "memory"), 2, 0, 1, 2, null, 1, 200, 8, null,
                50),
                new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();

        assertThat(tables).extracting(Table::name)
                .containsExactly("matmul", "step", "augment", "loader", "video", "memory");
        assertThat(tables.get(1).rows()).hasSize(4);
        assertThat(tables.get(2).rows()).hasSize(4);
        assertThat(tables.get(3).rows()).hasSize(2);
        for (Table table : tables) {
            for (List<String> row : table.rows()) {
                assertThat(Double.parseDouble(row.get(1))).as("%s %s", table.name(), row.get(0)).isPositive();
            }
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("| simclr resnet18 3x32x32 b256 |");
    }

    @Test
    void unknownSuiteAndMissingPeerAreUserErrors() {
        assertThatThrownBy(() -> new Benchmarks.Settings(List.of("speed"), 2, 0, 1, 2, null, 1, 200, 8, null, 50))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("unknown benchmark 'speed'");
        Benchmarks noTorch = new Benchmarks(new Benchmarks.Settings(List.of("matmul"), 1, 0, 1, 2,
                "/nonexistent/python3", 1, 200, 8, null, 50), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        assertThatThrownBy(noTorch::run).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("apt-get install python3-torch python3-torchvision");
        Benchmarks noFfmpeg = new Benchmarks(new Benchmarks.Settings(List.of("matmul", "video"), 1, 0, 1, 2, null, 1,
                200, 8, "/nonexistent/ffmpeg", 50), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        assertThatThrownBy(noFfmpeg::run).isInstanceOf(Ssl4jException.class)
                .hasMessage("the video peer '/nonexistent/ffmpeg' cannot be run: apt-get install ffmpeg, point --ffmpeg"
                        + " at an ffmpeg executable, or pass --no-peer");
    }
}
