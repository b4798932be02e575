package org.ssl4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.EngineTest;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.recipe.BackboneConfig;

class TrainSupportTest extends EngineTest {
    @Test
    void encoderRoundTripGivesTheSameFeatures(@TempDir Path dir) throws Exception {
        BackboneConfig config = new BackboneConfig("small-convnet", 1.0, null, null);
        Backbone net = Backbones.create(config);
        Shape input = new Shape(3, 1, 28, 28);
        net.initialize(manager, DataType.FLOAT32, input);
        NDArray x = manager.randomUniform(0, 1, input);
        NDArray before = net.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
        EncoderStore.save(dir.resolve("encoder"), net, new EncoderStore.Spec("simclr", config, List.of(1, 28, 28)));
        assertThat(Files.list(dir.resolve("encoder")).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("encoder.params", "encoder.yaml");
        EncoderStore.Loaded loaded = EncoderStore.load(dir.resolve("encoder"), manager);
        assertThat(loaded.spec().method()).isEqualTo("simclr");
        NDArray after = loaded.backbone().forward(new ParameterStore(manager, false), new NDList(x), false)
                .singletonOrThrow();
        assertThat(after.toFloatArray()).containsExactly(before.toFloatArray());
    }

    @Test
    void corruptOrMissingEncoderIsANamedError(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> EncoderStore.load(dir, manager)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("no trained encoder here");
        BackboneConfig config = new BackboneConfig("small-convnet", 1.0, null, null);
        Backbone net = Backbones.create(config);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
        EncoderStore.save(dir, net, new EncoderStore.Spec("simclr", config, List.of(1, 28, 28)));
        byte[] params = Files.readAllBytes(dir.resolve("encoder.params"));
        Files.write(dir.resolve("encoder.params"), java.util.Arrays.copyOf(params, params.length / 3));
        assertThatThrownBy(() -> EncoderStore.load(dir, manager)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("encoder.params: corrupt encoder parameters");
    }

    @Test
    void atomicWriteReplacesWholeFilesAndLeavesNoTemporary(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.txt");
        AtomicFiles.writeString(file, "first");
        AtomicFiles.writeString(file, "second");
        assertThat(Files.readString(file)).isEqualTo("second");
        assertThat(Files.list(dir)).hasSize(1);
    }

    @Test
    void progressLinesAndMetricsJsonl(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "pretrain", false);
        try (MetricsLog log = new MetricsLog(dir.resolve("metrics.jsonl"), 5)) {
            for (int step = 0; step < 20; step++) {
                double probe = step % 10 == 9 ? 0.5 + step / 100.0 : Double.NaN; // at the end of each epoch
                StepInfo info = new StepInfo(step, 20, step / 10, 1f / (step + 1), 1e-3f, 2.5f, 100, step + 1,
                        1 << 20, 0, probe);
                bar.onStep(info);
                log.onStep(info);
            }
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(11); // the first step, then one per tenth, when not on a terminal
        assertThat(lines.get(10)).startsWith("pretrain [########################] 20/20 100% epoch 2 loss 0.0500 lr "
                + "1.00e-03 probe 69.0%")
                .endsWith("100 img/s ETA 0m00s");
        assertThat(lines.get(1)).contains("2/20").contains("ETA 0m18s");
        List<String> metrics = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertThat(metrics).hasSize(4);
        assertThat(metrics.get(3)).isEqualTo("{\"step\":20,\"epoch\":1,\"loss\":0.05,\"lr\":1.000000e-03,\"gradNorm\":2.500,"
                + "\"imagesPerSec\":100.0,\"seconds\":20.00,\"rssMb\":1.0,\"probeAcc\":0.6900}");
        assertThat(metrics.get(1)).contains("\"step\":10,").endsWith(",\"probeAcc\":0.5900}");
        assertThat(metrics.get(0)).doesNotContain("probeAcc");
    }
}
