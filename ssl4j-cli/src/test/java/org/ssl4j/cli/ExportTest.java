package org.ssl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.encoder.Encoder;
import org.ssl4j.core.encoder.Encoders;
import org.ssl4j.core.train.Engines;
import org.ssl4j.image.data.ImageData;

/** A run's encoder leaves ssl4j as embeddings (CSV, .npy) and as one exported file that loads back exactly. */
class ExportTest {
    @Test
    void exportedEncoderReproducesTheRunsEmbeddingsAndEmbedWritesReadableFiles(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        CliTest.Outcome trained = CliTest.run("pretrain", "--recipe", "mnist/simclr", "--out", run.toString(),
                "--set", "train.steps=3", "--set", "train.batchSize=32");
        assertThat(trained.code()).as(trained.err()).isZero();

        Path file = dir.resolve("encoder.zip");
        CliTest.Outcome exported = CliTest.run("export", "--run", run.toString(), "--out", file.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(exported.out()).contains("encoder (256 features) written to " + file);

        CliTest.Outcome embedded = CliTest.run("embed", "--run", run.toString(), "--split", "test", "--out",
                dir.resolve("emb").toString());
        assertThat(embedded.code()).as(embedded.err()).isZero();
        assertThat(embedded.out()).contains("2000 embeddings of 256 features");

        Dataset test = ImageData.open(Runs.loadRun(run).data(), Path.of(""), System.err).test();
        float[][] images = new float[test.size()][test.sampleLength()];
        for (int i = 0; i < test.size(); i++) {
            test.read(i, images[i], 0);
        }
        float[][] fromRun;
        float[][] fromFile;
        try (Encoder original = Encoders.load(run.resolve("encoder"))) {
            fromRun = original.embed(images);
        }
        try (Encoder loaded = Encoders.load(file)) {
            assertThat(loaded.method()).isEqualTo("simclr");
            assertThat(loaded.inputShape()).containsExactly(1, 28, 28);
            fromFile = loaded.embed(images);
        }
        assertThat(fromFile).isDeepEqualTo(fromRun); // exactly, not approximately

        // embeddings.npy, read by DJL's own NumPy decoder, holds the same numbers as the CSV and the Java API
        List<String> csv = Files.readAllLines(dir.resolve("emb/embeddings.csv"));
        assertThat(csv).hasSize(2001);
        assertThat(csv.get(0)).startsWith("id,label,e0,e1,").endsWith(",e255");
        String[] row = csv.get(7).split(",");
        assertThat(row[0]).isEqualTo(test.id(6));
        assertThat(Integer.parseInt(row[1])).isEqualTo(test.label(6));
        assertThat(Float.parseFloat(row[2 + 100])).isEqualTo(fromRun[6][100]);
        Engines.pytorch();
        try (NDManager manager = NDManager.newBaseManager();
                InputStream in = Files.newInputStream(dir.resolve("emb/embeddings.npy"));
                InputStream labels = Files.newInputStream(dir.resolve("emb/labels.npy"))) {
            NDArray npy = NDList.decode(manager, in).singletonOrThrow();
            assertThat(npy.getShape().getShape()).containsExactly(2000, 256);
            assertThat(npy.get(6).toFloatArray()).containsExactly(fromRun[6]);
            long[] decodedLabels = NDList.decode(manager, labels).singletonOrThrow().toLongArray();
            assertThat(decodedLabels).hasSize(2000);
            assertThat(decodedLabels[6]).isEqualTo(test.label(6));
        }

        CliTest.Outcome missing = CliTest.run("export", "--run", dir.resolve("nothing").toString(), "--out",
                file.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("not a run directory");
        Files.writeString(dir.resolve("bad.zip"), "not a zip");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Encoders.load(dir.resolve("bad.zip")))
                .isInstanceOf(org.ssl4j.core.Ssl4jException.class).hasMessageContaining("damaged encoder file");
    }
}
