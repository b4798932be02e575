package org.ssl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.image.data.CifarBinary;
import org.ssl4j.image.data.ImageData;
import org.ssl4j.image.data.ImageSet;

/** Data from disk trains through the CLI: a CIFAR-10 directory in the official layout and an image folder. */
class DatasetCliTest {
    private static final String[] TINY = {"--set", "train.steps=2", "--set", "train.batchSize=8",
        "--set", "method.queueSize=64", "--set", "backbone.batchNormSplits=2"};

    private static String[] args(Path out, String... data) {
        String[] head = {"pretrain", "--recipe", "mnist/moco", "--out", out.toString()};
        String[] all = Arrays.copyOf(head, head.length + TINY.length + data.length);
        System.arraycopy(TINY, 0, all, head.length, TINY.length);
        System.arraycopy(data, 0, all, head.length + TINY.length, data.length);
        return all;
    }

    @Test
    void cifar10DirectoryTrainsTwoSteps(@TempDir Path dir) throws Exception {
        // 16 coloured images per file, labels 0..9, written in the official record layout
        byte[] pixels = new byte[16 * CifarBinary.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) ((i * 31) ^ (i >> 7));
        }
        ImageSet images = new ImageSet(pixels, new int[] {3, 32, 32}, IntStream.range(0, 16).map(i -> i % 10)
                .toArray());
        Path data = dir.resolve("cifar-10-batches-bin");
        for (String name : CifarBinary.Variant.CIFAR10.trainFiles()) {
            CifarBinary.writeCifar10(data.resolve(name), images);
        }
        CifarBinary.writeCifar10(data.resolve("test_batch.bin"), images);
        Path out = dir.resolve("run");
        // the shipped CIFAR-10 recipe (ResNet-18, symmetric MoCo), shortened
        CliTest.Outcome o = CliTest.run("pretrain", "--recipe", "cifar10/moco", "--out", out.toString(),
                "--set", "data.dir=" + data, "--set", "train.steps=2", "--set", "train.batchSize=16",
                "--set", "train.workers=1", "--set", "method.queueSize=64");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("moco on 80 images [3, 32, 32], resnet18");
        assertThat(out.resolve("encoder/encoder.params")).exists();
        // the saved recipe holds the absolute path, so the run opens from any working directory
        assertThat(Files.readString(out.resolve(Runs.RESOLVED))).contains(data.toAbsolutePath().toString());
    }

    @Test
    void imageFolderWithACorruptJpegTrainsTwoStepsAndReportsIt(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pets");
        for (int i = 0; i < 6; i++) {
            for (String cls : new String[] {"cat", "dog"}) {
                BufferedImage image = new BufferedImage(20 + i, 24, BufferedImage.TYPE_INT_RGB);
                image.setRGB(i, 3, cls.equals("cat") ? 0xff8800 : 0x0088ff);
                Files.createDirectories(data.resolve(cls));
                ImageIO.write(image, i % 2 == 0 ? "png" : "jpg", data.resolve(cls + "/" + i + (i % 2 == 0 ? ".png"
                        : ".jpg")).toFile());
            }
        }
        Files.write(data.resolve("dog/corrupt.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
        Path out = dir.resolve("run");
        CliTest.Outcome o = CliTest.run(args(out, "--set", "data.source=imagefolder", "--set", "data.dir=" + data,
                "--set", "data.size=16", "--set", "data.testFraction=0.25"));
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("warning: skipped 1 of 13 images that could not be decoded: "
                + data.resolve("dog/corrupt.jpg").toAbsolutePath());
        assertThat(o.err()).contains("moco on 9 images [3, 16, 16]");
        assertThat(out.resolve("encoder/encoder.params")).exists();

        CliTest.Outcome strict = CliTest.run(args(dir.resolve("strict"), "--set", "data.source=imagefolder",
                "--set", "data.dir=" + data, "--set", "data.onCorrupt=fail"));
        assertThat(strict.code()).isEqualTo(2);
        assertThat(strict.err()).startsWith("ssl4j: error: " + data.resolve("dog/corrupt.jpg").toAbsolutePath()
                + ": cannot decode image").doesNotContain("Exception");
    }

    @Test
    void unlabelledFolderIsReadWithoutLabels(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("photos/nested");
        Files.createDirectories(data);
        for (int i = 0; i < 3; i++) {
            ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", data.resolve(i + ".png")
                    .toFile());
        }
        org.ssl4j.core.recipe.Recipe recipe = Runs.loadRecipe("mnist/moco", java.util.List.of(
                "data.source=folder", "data.dir=" + dir.resolve("photos"), "data.channels=1", "data.size=8"));
        ImageData.TrainTest loaded = ImageData.open(recipe.data(), Path.of(""), System.err);
        assertThat(loaded.train().size()).isEqualTo(3);
        assertThat(loaded.train().hasLabels()).isFalse();
        assertThat(loaded.train().sampleShape()).containsExactly(1, 8, 8);
        assertThat(loaded.test()).isNull();
    }
}
