package org.ssl4j.image.data;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.ssl4j.core.Ssl4jException;

/**
 * Reads a directory of JPEG and PNG images into memory, decoded with the JDK's {@code javax.imageio}: either
 * labelled, one sub-directory per class as torchvision's {@code ImageFolder} (classes numbered in name order), or
 * unlabelled, every image under the directory. Each image is converted to grey or RGB, its shorter side resized to
 * {@code size} (area averaging) and centre-cropped to {@code size x size}, as {@code Resize(size)} then
 * {@code CenterCrop(size)}. Unreadable images are skipped and counted, or fail the load, by policy: all decoding
 * happens here, so a bad file can never stop training mid-epoch. Each image's id is its path relative to the
 * directory.
 */
public final class ImageFolder {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** What to do with a file that cannot be decoded. */
    public enum OnCorrupt {
        /** Skip it, count it, and report the count and the first files on the log. */
        SKIP,
        /** Stop with an error naming the file. */
        FAIL
    }

    private ImageFolder() {}

    /**
     * Loads {@code dir}.
     *
     * @param labelled whether sub-directories are classes (else every image under {@code dir}, unlabelled)
     * @param size side of the square images produced
     * @param channels 1 (grey) or 3 (RGB)
     * @param onCorrupt the policy for undecodable files
     * @param log where skipped files are reported
     */
    public static ImageSet load(Path dir, boolean labelled, int size, int channels, OnCorrupt onCorrupt,
            PrintStream log) {
        if (!Files.isDirectory(dir)) {
            throw new Ssl4jException(dir + ": not a directory of images (data.dir)");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3: " + channels);
        }
        List<Path> files = new ArrayList<>();
        List<Integer> classOf = new ArrayList<>();
        try {
            if (labelled) {
                List<Path> classes;
                try (Stream<Path> list = Files.list(dir)) {
                    classes = list.filter(Files::isDirectory).sorted().toList();
                }
                if (classes.isEmpty()) {
                    throw new Ssl4jException(dir + ": no class sub-directories (an image folder holds one directory "
                            + "per class; use data.source: folder for unlabelled images)");
                }
                for (int c = 0; c < classes.size(); c++) {
                    for (Path f : images(classes.get(c))) {
                        files.add(f);
                        classOf.add(c);
                    }
                }
            } else {
                files.addAll(images(dir));
            }
        } catch (IOException e) {
            throw new Ssl4jException(dir + ": cannot list: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new Ssl4jException(dir + ": no .jpg, .jpeg or .png images found");
        }
        int length = channels * size * size;
        byte[][] decoded = new byte[files.size()][];
        String[] errors = new String[files.size()];
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            try {
                decoded[i] = decode(files.get(i), size, channels);
            } catch (IOException | RuntimeException e) {
                errors[i] = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        });
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (decoded[i] == null) {
                if (onCorrupt == OnCorrupt.FAIL) {
                    throw new Ssl4jException(files.get(i) + ": cannot decode image (" + errors[i]
                            + "); set data.onCorrupt: skip to skip unreadable files");
                }
                bad.add(files.get(i) + " (" + errors[i] + ")");
            }
        }
        int kept = files.size() - bad.size();
        if (kept == 0) {
            throw new Ssl4jException(dir + ": none of the " + files.size() + " images could be decoded");
        }
        if (!bad.isEmpty()) {
            log.printf(Locale.ROOT, "warning: skipped %d of %d images that could not be decoded: %s%s%n", bad.size(),
                    files.size(), String.join(", ", bad.subList(0, Math.min(3, bad.size()))),
                    bad.size() > 3 ? ", ..." : "");
        }
        byte[] pixels = new byte[Math.multiplyExact(kept, length)];
        int[] labels = labelled ? new int[kept] : null;
        String[] ids = new String[kept];
        for (int i = 0, at = 0; i < files.size(); i++) {
            if (decoded[i] != null) {
                System.arraycopy(decoded[i], 0, pixels, at * length, length);
                ids[at] = dir.relativize(files.get(i)).toString().replace('\\', '/');
                if (labels != null) {
                    labels[at] = classOf.get(i);
                }
                at++;
            }
        }
        return new ImageSet(pixels, new int[] {channels, size, size}, labels, ids);
    }

    private static List<Path> images(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png");
            }).sorted().toList();
        }
    }

    /** Decodes, resizes the shorter side to {@code size}, centre-crops, and returns {@code (C, H, W)} bytes. */
    static byte[] decode(Path file, int size, int channels) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("not a JPEG or PNG image");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        double scale = (double) size / Math.min(w, h);
        int sw = Math.max(size, (int) Math.round(w * scale));
        int sh = Math.max(size, (int) Math.round(h * scale));
        BufferedImage resized = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        try {
            Image scaled = image.getScaledInstance(sw, sh, Image.SCALE_AREA_AVERAGING);
            g.drawImage(scaled, -(sw - size) / 2, -(sh - size) / 2, null);
        } finally {
            g.dispose();
        }
        byte[] out = new byte[channels * size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = resized.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int gr = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                int p = y * size + x;
                if (channels == 1) {
                    out[p] = (byte) Math.round(0.299 * r + 0.587 * gr + 0.114 * b); // ITU-R 601 luma, as PIL's "L"
                } else {
                    out[p] = (byte) r;
                    out[size * size + p] = (byte) gr;
                    out[2 * size * size + p] = (byte) b;
                }
            }
        }
        return out;
    }
}
