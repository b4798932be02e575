package org.ssl4j.image.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.recipe.DataConfig;

class IdxTest {
    private static IdxArray sample() {
        byte[] data = new byte[3 * 4 * 5];
        new Random(1).nextBytes(data);
        return new IdxArray(new int[] {3, 4, 5}, data);
    }

    @Test
    void roundTripsPlainAndGzipped(@TempDir Path dir) throws Exception {
        IdxArray array = sample();
        for (String name : new String[] {"a-idx3-ubyte", "a-idx3-ubyte.gz"}) {
            Path file = dir.resolve(name);
            Idx.write(file, array);
            IdxArray back = Idx.read(file);
            assertThat(back.dims()).containsExactly(3, 4, 5);
            assertThat(back.data()).isEqualTo(array.data());
        }
        byte[] header = Arrays.copyOf(Files.readAllBytes(dir.resolve("a-idx3-ubyte")), 16);
        assertThat(header).containsExactly(0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5);
        assertThat(Files.readAllBytes(dir.resolve("a-idx3-ubyte.gz"))[0]).isEqualTo((byte) 0x1f);
    }

    @Test
    void truncatedFilesAreNamedErrors(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("t-idx3-ubyte");
        Files.write(plain, Arrays.copyOf(Idx.encode(sample()), 40));
        assertThatThrownBy(() -> Idx.read(plain)).isInstanceOf(Ssl4jException.class)
                .hasMessage(plain + ": truncated IDX file: header promises 60 data bytes, found 24");
        Path gz = dir.resolve("t.gz");
        Idx.write(gz, sample());
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Idx.read(gz)).isInstanceOf(Ssl4jException.class)
                .hasMessageStartingWith(gz + ": truncated or corrupt gzip stream");
        Path header = dir.resolve("h");
        Files.write(header, new byte[] {0, 0, 8, 3, 0, 0});
        assertThatThrownBy(() -> Idx.read(header)).hasMessage(header + ": truncated IDX header (rank 3)");
    }

    @Test
    void wrongMagicTypeAndMissingFile(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("x.txt");
        Files.writeString(text, "hello world");
        assertThatThrownBy(() -> Idx.read(text)).hasMessageContaining("not an IDX file");
        Path floats = dir.resolve("f");
        Files.write(floats, new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 0});
        assertThatThrownBy(() -> Idx.read(floats)).hasMessageContaining("IDX data type 0x0D is not supported");
        assertThatThrownBy(() -> Idx.read(dir.resolve("missing"))).hasMessageEndingWith("missing: IDX file not found");
    }

    @Test
    void bundledDigitsSplitEightThousandToTwoThousand() {
        ImageSet all = ImageData.bundledMnist();
        assertThat(all.size()).isEqualTo(10_000);
        assertThat(all.sampleShape()).containsExactly(1, 28, 28);
        assertThat(all.numClasses()).isEqualTo(10);
        float[] pixels = new float[784];
        all.read(0, pixels, 0);
        float max = 0;
        for (float p : pixels) {
            assertThat(p).isBetween(0f, 1f);
            max = Math.max(max, p);
        }
        assertThat(max).isEqualTo(1f);
        ImageData.TrainTest split = ImageData.open(DataConfig.defaults(), Path.of(""), System.err);
        assertThat(split.train().size()).isEqualTo(8000);
        assertThat(split.test().size()).isEqualTo(2000);
    }

    @Test
    void idxSourceReadsFilesFromDiskAndChecksLabels(@TempDir Path dir) throws Exception {
        byte[] images = new byte[20 * 6 * 6];
        byte[] labels = new byte[20];
        for (int i = 0; i < 20; i++) {
            labels[i] = (byte) (i % 2);
            images[i * 36 + i % 36] = (byte) 255;
        }
        Idx.write(dir.resolve("img.gz"), new IdxArray(new int[] {20, 6, 6}, images));
        Idx.write(dir.resolve("lab"), new IdxArray(new int[] {20}, labels));
        Idx.write(dir.resolve("bad-lab"), new IdxArray(new int[] {19}, Arrays.copyOf(labels, 19)));
        ImageData.TrainTest data = ImageData.open(new DataConfig("idx", "img.gz", "lab", null, null, null, null, null, null, null, null, 0.25, 0L, null, null, null, null), dir, System.err);
        assertThat(data.train().size()).isEqualTo(15);
        assertThat(data.test().size()).isEqualTo(5);
        assertThat(data.train().sampleShape()).containsExactly(1, 6, 6);
        assertThatThrownBy(() -> ImageData.open(new DataConfig("idx", "img.gz", "bad-lab", null, null, null, null, null, null, null, null, null, null, null, null, null, null), dir, System.err))
                .hasMessageEndingWith("img.gz: 20 images but 19 labels");
        ImageData.TrainTest unlabelled = ImageData.open(new DataConfig("idx", "img.gz", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null), dir, System.err);
        assertThat(unlabelled.train().size()).isEqualTo(20);
        assertThat(unlabelled.test()).isNull();
    }

    @Test
    void channelsLastImagesAreTransposed() {
        // One 1x2 RGB image: pixels (r, g, b) = (1, 2, 3), (4, 5, 6) in HWC order.
        ImageSet set = ImageSet.fromIdx("rgb", new IdxArray(new int[] {1, 1, 2, 3}, new byte[] {1, 2, 3, 4, 5, 6}), null);
        assertThat(set.sampleShape()).containsExactly(3, 1, 2);
        float[] out = new float[6];
        set.read(0, out, 0);
        float s = 1f / 255f;
        assertThat(out).containsExactly(1 * s, 4 * s, 2 * s, 5 * s, 3 * s, 6 * s);
    }
}
