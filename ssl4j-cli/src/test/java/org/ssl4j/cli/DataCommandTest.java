package org.ssl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssl4j data motion-digits} from the command line, on the bundled digits. */
class DataCommandTest {
    @Test
    void writesATinyMotionDigitsAndRejectsBadValues(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("md");
        CliTest.Outcome ok = CliTest.run("data", "motion-digits", "--out", out.toString(), "--size", "32", "--frames",
                "6", "--train-per-class", "1", "--test-per-class", "1", "--biased-test-per-class", "0", "--threads",
                "2");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("20 videos");
        assertThat(Files.readAllLines(out.resolve("trainlist01.txt"))).hasSize(10);
        assertThat(out.resolve("ZoomOut/v_ZoomOut_g01_c01.mp4")).isRegularFile();
        assertThat(out.resolve("ZoomOut/v_ZoomOut_g01_c01.mask.png")).isRegularFile();

        CliTest.Outcome exists = CliTest.run("data", "motion-digits", "--out", out.toString());
        assertThat(exists.code()).isEqualTo(2);
        assertThat(exists.err().strip()).contains("exists").doesNotContain("\n").doesNotContain("Exception");

        CliTest.Outcome bias = CliTest.run("data", "motion-digits", "--out", dir.resolve("b").toString(), "--bias",
                "1.5");
        assertThat(bias.code()).isEqualTo(2);
        assertThat(bias.err().strip()).contains("bias").contains("1.5").doesNotContain("\n");
    }
}
