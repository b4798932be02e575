package org.ssl4j.image.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ssl4j.core.Ssl4jException;

/**
 * Reads the binary versions of CIFAR-10 and CIFAR-100 (Krizhevsky 2009, "Learning Multiple Layers of Features from
 * Tiny Images"), the files {@code data_batch_1.bin} .. {@code data_batch_5.bin} and {@code test_batch.bin} of
 * {@code cifar-10-binary.tar.gz}, and {@code train.bin} and {@code test.bin} of {@code cifar-100-binary.tar.gz}.
 * Each record is the label byte(s) (CIFAR-10: the class; CIFAR-100: coarse then fine) followed by 3,072 pixel bytes,
 * the red, green and blue 32x32 planes in row-major order, which is already the {@code (C, H, W)} layout.
 */
public final class CifarBinary {
    /** Bytes of one image. */
    public static final int PIXELS = 3 * 32 * 32;

    /** Which dataset (and for CIFAR-100, which label) to read. */
    public enum Variant {
        /** 10 classes, one label byte. */
        CIFAR10(1, 0, "data_batch_1.bin data_batch_2.bin data_batch_3.bin data_batch_4.bin data_batch_5.bin",
                "test_batch.bin"),
        /** The 100 fine classes of CIFAR-100 (two label bytes, fine second). */
        CIFAR100_FINE(2, 1, "train.bin", "test.bin"),
        /** The 20 coarse superclasses of CIFAR-100. */
        CIFAR100_COARSE(2, 0, "train.bin", "test.bin");

        private final int labelBytes;
        private final int labelIndex;
        private final List<String> trainFiles;
        private final List<String> testFiles;

        Variant(int labelBytes, int labelIndex, String trainFiles, String testFiles) {
            this.labelBytes = labelBytes;
            this.labelIndex = labelIndex;
            this.trainFiles = List.of(trainFiles.split(" "));
            this.testFiles = List.of(testFiles.split(" "));
        }

        /** Bytes of one record. */
        public int recordLength() {
            return labelBytes + PIXELS;
        }

        /** The training files' names in the official layout. */
        public List<String> trainFiles() {
            return trainFiles;
        }

        /** The test files' names in the official layout. */
        public List<String> testFiles() {
            return testFiles;
        }
    }

    private CifarBinary() {}

    /**
     * Writes {@code set} (3x32x32 images, labels below 256) as one CIFAR-10 binary file, the layout of
     * {@code data_batch_N.bin}; for exporting a subset or preparing test data.
     */
    public static void writeCifar10(Path file, ImageSet set) throws IOException {
        if (!java.util.Arrays.equals(set.sampleShape(), new int[] {3, 32, 32}) || !set.hasLabels()) {
            throw new IllegalArgumentException("CIFAR-10 files hold labelled 3x32x32 images");
        }
        byte[] bytes = new byte[Math.multiplyExact(set.size(), Variant.CIFAR10.recordLength())];
        float[] image = new float[PIXELS];
        for (int i = 0; i < set.size(); i++) {
            int base = i * Variant.CIFAR10.recordLength();
            bytes[base] = (byte) set.label(i);
            set.read(i, image, 0);
            for (int p = 0; p < PIXELS; p++) {
                bytes[base + 1 + p] = (byte) Math.round(image[p] * 255f);
            }
        }
        org.ssl4j.core.train.AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** Reads the training ({@code test = false}) or test files of {@code variant} from directory {@code dir}. */
    public static ImageSet read(Path dir, Variant variant, boolean test) {
        List<String> names = test ? variant.testFiles() : variant.trainFiles();
        byte[][] contents = new byte[names.size()][];
        int records = 0;
        for (int f = 0; f < names.size(); f++) {
            Path file = dir.resolve(names.get(f));
            if (!Files.isRegularFile(file)) {
                throw new Ssl4jException(file + ": not found; data.dir must hold the " + variant.name().toLowerCase(
                        java.util.Locale.ROOT) + " binary files " + names);
            }
            try {
                contents[f] = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new Ssl4jException(file + ": cannot read: " + e.getMessage(), e);
            }
            if (contents[f].length == 0 || contents[f].length % variant.recordLength() != 0) {
                throw new Ssl4jException(file + ": " + contents[f].length + " bytes is not a whole number of "
                        + variant.recordLength() + "-byte records (truncated or not a CIFAR binary file)");
            }
            records += contents[f].length / variant.recordLength();
        }
        byte[] pixels = new byte[Math.multiplyExact(records, PIXELS)];
        int[] labels = new int[records];
        int at = 0;
        for (int f = 0; f < contents.length; f++) {
            byte[] bytes = contents[f];
            for (int r = 0; r < bytes.length / variant.recordLength(); r++, at++) {
                int base = r * variant.recordLength();
                labels[at] = bytes[base + variant.labelIndex] & 0xFF;
                System.arraycopy(bytes, base + variant.labelBytes, pixels, at * PIXELS, PIXELS);
            }
        }
        return new ImageSet(pixels, new int[] {3, 32, 32}, labels);
    }
}
