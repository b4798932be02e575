package org.ssl4j.rl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.Ssl4jException;

/** Learning curves round-trip through CSV, bad files are one-line errors, and the plot is a PNG. */
class LearningCurvesTest {
    @TempDir
    Path dir;

    @Test
    void csvRoundTripAndPlot() throws Exception {
        List<AgentTrainer.Evaluation> curve = List.of(new AgentTrainer.Evaluation(0, 12.5, new double[] {10, 15}),
                new AgentTrainer.Evaluation(8000, 240.25, new double[] {230.5, 0.1 + 0.2}));
        Path csv = dir.resolve("curve.csv");
        LearningCurves.writeCsv(curve, csv);
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo("env_steps,mean_return,return_1,return_2");
        List<AgentTrainer.Evaluation> back = LearningCurves.readCsv(csv);
        assertThat(back).hasSize(2);
        assertThat(back.get(1).envSteps()).isEqualTo(8000);
        assertThat(back.get(1).meanReturn()).isEqualTo(240.25);
        assertThat(back.get(1).returns()).containsExactly(230.5, 0.1 + 0.2); // exactly, not rounded

        Path png = dir.resolve("curve.png");
        LearningCurves.writePng(LearningCurves.single("curl", curve), "cartpole-swingup", png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(720);

        Files.writeString(dir.resolve("bad.csv"), "env_steps,mean_return\n100,abc\n");
        assertThatThrownBy(() -> LearningCurves.readCsv(dir.resolve("bad.csv"))).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("bad.csv:2: expected env_steps,mean_return");
        Files.writeString(dir.resolve("other.csv"), "a,b\n");
        assertThatThrownBy(() -> LearningCurves.readCsv(dir.resolve("other.csv"))).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("not a learning curve");
    }
}
