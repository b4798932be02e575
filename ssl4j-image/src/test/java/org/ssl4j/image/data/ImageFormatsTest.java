package org.ssl4j.image.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.Ssl4jException;

/** CIFAR binary files and image folders: layouts written here by hand, read back, and their error paths. */
class ImageFormatsTest {
    /** Writes CIFAR-10 records: record i has label i % 10 and pixel value (i + channel) in every pixel of a plane. */
    static void writeCifar10(Path file, int records, int offset) throws IOException {
        byte[] bytes = new byte[records * 3073];
        for (int r = 0; r < records; r++) {
            int i = offset + r;
            bytes[r * 3073] = (byte) (i % 10);
            for (int c = 0; c < 3; c++) {
                java.util.Arrays.fill(bytes, r * 3073 + 1 + c * 1024, r * 3073 + 1 + (c + 1) * 1024, (byte) (i + c));
            }
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /** The official CIFAR-10 layout with {@code perFile} records in each of the five training files and the test file. */
    static void writeCifar10Dir(Path dir, int perFile) throws IOException {
        for (int f = 1; f <= 5; f++) {
            writeCifar10(dir.resolve("data_batch_" + f + ".bin"), perFile, (f - 1) * perFile);
        }
        writeCifar10(dir.resolve("test_batch.bin"), perFile, 100);
    }

    @Test
    void cifar10AndCifar100RecordsReadInOrder(@TempDir Path dir) throws IOException {
        writeCifar10Dir(dir, 4);
        ImageSet train = CifarBinary.read(dir, CifarBinary.Variant.CIFAR10, false);
        assertThat(train.size()).isEqualTo(20);
        assertThat(train.sampleShape()).containsExactly(3, 32, 32);
        assertThat(train.label(13)).isEqualTo(3);
        float[] image = new float[3 * 32 * 32];
        train.read(13, image, 0);
        assertThat(image[0]).isCloseTo(13 / 255f, within(1e-7f));
        assertThat(image[1024 + 500]).isCloseTo(14 / 255f, within(1e-7f));
        assertThat(image[2048 + 1023]).isCloseTo(15 / 255f, within(1e-7f));
        assertThat(CifarBinary.read(dir, CifarBinary.Variant.CIFAR10, true).label(1)).isEqualTo(1);

        Path copy = dir.resolve("copy");
        for (String name : CifarBinary.Variant.CIFAR10.trainFiles()) {
            CifarBinary.writeCifar10(copy.resolve(name), train); // round trip
        }
        ImageSet back = CifarBinary.read(copy, CifarBinary.Variant.CIFAR10, false);
        assertThat(back.size()).isEqualTo(100);
        float[] again = new float[3 * 32 * 32];
        back.read(33, again, 0);
        assertThat(again).containsExactly(image);
        assertThat(back.label(33)).isEqualTo(3);

        byte[] hundred = new byte[2 * 3074];
        hundred[0] = 4; // coarse
        hundred[1] = 77; // fine
        hundred[3074] = 19;
        hundred[3075] = 99;
        Files.write(dir.resolve("train.bin"), hundred);
        assertThat(CifarBinary.read(dir, CifarBinary.Variant.CIFAR100_FINE, false).label(1)).isEqualTo(99);
        assertThat(CifarBinary.read(dir, CifarBinary.Variant.CIFAR100_COARSE, false).label(0)).isEqualTo(4);

        Files.write(dir.resolve("data_batch_3.bin"), new byte[3073 * 2 + 7]);
        assertThatThrownBy(() -> CifarBinary.read(dir, CifarBinary.Variant.CIFAR10, false))
                .isInstanceOf(Ssl4jException.class)
                .hasMessage(dir.resolve("data_batch_3.bin") + ": 6153 bytes is not a whole number of 3073-byte records"
                        + " (truncated or not a CIFAR binary file)");
        Files.delete(dir.resolve("test_batch.bin"));
        assertThatThrownBy(() -> CifarBinary.read(dir, CifarBinary.Variant.CIFAR10, true))
                .hasMessageStartingWith(dir.resolve("test_batch.bin") + ": not found");
    }

    /** Writes a solid-colour image of {@code w x h}. */
    static void writeImage(Path file, int w, int h, int rgb, String format) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
    }

    /** Two classes ("cat", "dog") of {@code perClass} images each, PNG and JPEG, and one corrupt JPEG in "dog". */
    static void writeImageFolder(Path dir, int perClass) throws IOException {
        for (int i = 0; i < perClass; i++) {
            writeImage(dir.resolve("cat/c" + i + ".png"), 40 + i, 30, 0xff0000, "png");
            writeImage(dir.resolve("dog/d" + i + ".JPG"), 30, 50, 0x0000ff, "jpg");
        }
        Files.writeString(dir.resolve("dog/broken.jpg"), "this is not a JPEG");
        Files.writeString(dir.resolve("dog/notes.txt"), "ignored: not an image");
    }

    @Test
    void imageFolderDecodesResizesAndSkipsOrFailsOnCorruptFiles(@TempDir Path dir) throws IOException {
        writeImageFolder(dir, 3);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ImageSet set = ImageFolder.load(dir, true, 16, 3, ImageFolder.OnCorrupt.SKIP,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(set.size()).isEqualTo(6);
        assertThat(set.sampleShape()).containsExactly(3, 16, 16);
        assertThat(set.numClasses()).isEqualTo(2);
        float[] cat = new float[3 * 16 * 16];
        set.read(0, cat, 0);
        assertThat(set.label(0)).isZero();
        assertThat(cat[100]).isEqualTo(1f); // red plane
        assertThat(cat[256 + 100]).isZero();
        float[] dog = new float[3 * 16 * 16];
        set.read(5, dog, 0);
        assertThat(set.label(5)).isEqualTo(1);
        assertThat(dog[2 * 256 + 100]).isGreaterThan(0.95f); // blue plane, JPEG-lossy
        assertThat(log.toString(StandardCharsets.UTF_8))
                .startsWith("warning: skipped 1 of 7 images that could not be decoded: " + dir.resolve("dog/broken.jpg"));

        ImageSet grey = ImageFolder.load(dir, false, 8, 1, ImageFolder.OnCorrupt.SKIP, System.err);
        assertThat(grey.hasLabels()).isFalse();
        assertThat(grey.sampleShape()).containsExactly(1, 8, 8);
        float[] pixel = new float[64];
        grey.read(0, pixel, 0);
        assertThat(pixel[10]).isCloseTo(Math.round(0.299 * 255) / 255f, within(1e-7f)); // luma of pure red

        assertThatThrownBy(() -> ImageFolder.load(dir, true, 16, 3, ImageFolder.OnCorrupt.FAIL, System.err))
                .isInstanceOf(Ssl4jException.class)
                .hasMessageStartingWith(dir.resolve("dog/broken.jpg") + ": cannot decode image")
                .hasMessageEndingWith("set data.onCorrupt: skip to skip unreadable files");
        assertThatThrownBy(() -> ImageFolder.load(dir.resolve("cat"), true, 16, 3, ImageFolder.OnCorrupt.SKIP,
                System.err)).hasMessageContaining("no class sub-directories");
        assertThatThrownBy(() -> ImageFolder.load(dir.resolve("none"), true, 16, 3, ImageFolder.OnCorrupt.SKIP,
                System.err)).hasMessageContaining("not a directory");
    }
}
