package org.ssl4j.video.synth;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.train.AtomicFiles;
import org.ssl4j.video.io.VideoWriter;

/**
 * MotionDigits, a scene-biased motion benchmark: short videos of a digit moving with one of ten {@link MotionPattern}s
 * (the class) over a background from one of ten {@link TextureFamily}s (the scene). In the training split a class
 * appears on "its" family (the one with its index) with probability {@code bias}; in the decorrelated test split the
 * family is uniform, so a model that learned the scene instead of the motion loses accuracy there; a held-out biased
 * split (test digits, training's correlation) shows the accuracy the bias buys. This is the gap the motion-learning
 * methods (DSM, context and motion decoupling, MoDist) claim to close, on data small enough for a CPU.
 *
 * <p>Each video is a real H.264 MP4 (OpenH264) with a mono AAC sound track whose tone pitch is tied to the class
 * ({@code 300 * 2^(class / 3)} Hz, pulsed, in noise), for the audio-visual methods. Beside it, its foreground masks:
 * a PNG of the frames' masks stacked top to bottom ({@code T * size} rows). The files follow UCF101's layout,
 * {@code <Class>/v_<Class>_gXX_cYY.mp4} with {@code classInd.txt}, {@code trainlist01.txt} and {@code testlist01.txt}
 * (and {@code biasedtestlist01.txt}), so the loader that reads UCF101 reads these. {@code videos.csv} lists every
 * video's class, scene, digit and split. Generation is deterministic in the seed, whatever the thread count.
 */
public final class MotionDigits {
    /** The three splits and their list files. */
    public enum Split {
        /** Training videos from the training digits, scene-biased. */
        TRAIN("trainlist01.txt"),
        /** Test videos from the test digits, scenes uniform (decorrelated). */
        TEST("testlist01.txt"),
        /** Test videos from the test digits, scene-biased as training. */
        BIASED_TEST("biasedtestlist01.txt");

        private final String listFile;

        Split(String listFile) {
            this.listFile = listFile;
        }

        /** The split file in the dataset folder. */
        public String listFile() {
            return listFile;
        }
    }

    /**
     * What to generate.
     *
     * @param seed everything random derives from it
     * @param size frame width and height in pixels (even)
     * @param frames frames per video
     * @param framesPerSecond frame rate
     * @param trainPerClass training videos per class
     * @param testPerClass decorrelated test videos per class
     * @param biasedTestPerClass biased held-out test videos per class
     * @param bias probability that a training (and biased test) video of class c shows texture family c
     * @param cameraJitter whether the background shakes (a random walk of up to size/8 pixels)
     * @param audioRate sample rate of the sound track
     * @param threads videos generated in parallel
     */
    public record Settings(long seed, int size, int frames, double framesPerSecond, int trainPerClass,
            int testPerClass, int biasedTestPerClass, double bias, boolean cameraJitter, int audioRate, int threads) {
        /** Checks the values. */
        public Settings {
            Ssl4jException.check(size >= 16 && size % 2 == 0, "motion-digits size must be even and >= 16, got %d", size);
            Ssl4jException.check(frames >= 2, "motion-digits frames must be >= 2, got %d", frames);
            Ssl4jException.check(framesPerSecond > 0, "motion-digits fps must be > 0, got %s", framesPerSecond);
            Ssl4jException.check(trainPerClass >= 1 && testPerClass >= 1 && biasedTestPerClass >= 0,
                    "motion-digits needs >= 1 train and test video per class (biased test >= 0)");
            Ssl4jException.check(bias >= 0 && bias <= 1, "motion-digits bias must be in [0, 1], got %s", bias);
            Ssl4jException.check(audioRate >= 8000, "motion-digits audio rate must be >= 8000, got %d", audioRate);
            Ssl4jException.check(threads >= 1, "motion-digits threads must be >= 1, got %d", threads);
        }

        /** The default benchmark: 64x64, 32 frames at 25 fps, 100 / 30 / 30 videos per class, bias 0.8, 16 kHz. */
        public static Settings defaults() {
            return new Settings(0, 64, 32, 25, 100, 30, 30, 0.8, false, 16_000,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * One planned video.
     *
     * @param path its path in the dataset folder, {@code Class/v_Class_gXX_cYY.mp4}
     * @param motion its class
     * @param scene its background family
     * @param digit the index of its digit in its split's digits
     * @param split its split
     * @param key the seed of its own random draws
     */
    public record Video(String path, MotionPattern motion, TextureFamily scene, int digit, Split split, long key) {
        /** Its mask file's path, beside the video. */
        public String maskPath() {
            return path.substring(0, path.length() - ".mp4".length()) + ".mask.png";
        }
    }

    private static final int CLIPS_PER_GROUP = 4;

    private MotionDigits() {}

    /**
     * The background family of a video of class {@code motion}: its own family with probability {@code bias} in the
     * biased splits (another one, uniformly, otherwise), any family uniformly in the decorrelated test split.
     */
    static TextureFamily scene(Split split, MotionPattern motion, double bias, SplittableRandom random) {
        TextureFamily[] families = TextureFamily.values();
        if (split == Split.TEST) {
            return families[random.nextInt(families.length)];
        }
        if (random.nextDouble() < bias) {
            return families[motion.ordinal()];
        }
        int other = random.nextInt(families.length - 1);
        return families[other >= motion.ordinal() ? other + 1 : other];
    }

    /** Every video's name, class, scene and digit, in list order; nothing is written. */
    public static List<Video> plan(Settings settings, int trainDigits, int testDigits) {
        List<Video> out = new ArrayList<>();
        for (MotionPattern motion : MotionPattern.values()) {
            int group = 0;
            for (Split split : Split.values()) {
                int count = switch (split) {
                    case TRAIN -> settings.trainPerClass();
                    case TEST -> settings.testPerClass();
                    case BIASED_TEST -> settings.biasedTestPerClass();
                };
                for (int i = 0; i < count; i++) {
                    long key = ((settings.seed() * 31 + split.ordinal()) * 31 + motion.ordinal()) * 1_000_003L + i;
                    SplittableRandom random = new SplittableRandom(key);
                    TextureFamily scene = scene(split, motion, settings.bias(), random);
                    int digit = random.nextInt(split == Split.TRAIN ? trainDigits : testDigits);
                    String name = motion.className();
                    String path = String.format(Locale.ROOT, "%s/v_%s_g%02d_c%02d.mp4", name, name,
                            group + i / CLIPS_PER_GROUP + 1, i % CLIPS_PER_GROUP + 1);
                    out.add(new Video(path, motion, scene, digit, split, key));
                }
                group += (count + CLIPS_PER_GROUP - 1) / CLIPS_PER_GROUP; // UCF101: a group never spans two splits
            }
        }
        return out;
    }

    /**
     * Generates the dataset into {@code out}, which must not exist: into {@code out.partial} first, renamed at the
     * end, so an interrupted run leaves no half dataset under the final name.
     *
     * @param trainDigits grey digits {@code (1, H, W)} of the training split
     * @param testDigits grey digits of the test splits
     * @param log progress lines
     * @return the videos written
     */
    public static List<Video> generate(Settings settings, Dataset trainDigits, Dataset testDigits, Path out,
            PrintStream log) {
        Ssl4jException.check(!Files.exists(out), "%s exists; motion-digits writes a new folder", out);
        for (Dataset digits : List.of(trainDigits, testDigits)) {
            Ssl4jException.check(digits.sampleShape().length == 3 && digits.sampleShape()[0] == 1 && digits.size() > 0,
                    "motion-digits needs grey digits (1, H, W), got shape %s",
                    java.util.Arrays.toString(digits.sampleShape()));
        }
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        List<Video> videos = plan(settings, trainDigits.size(), testDigits.size());
        long start = System.nanoTime();
        try {
            AtomicFiles.deleteTree(partial);
            for (MotionPattern motion : MotionPattern.values()) {
                Files.createDirectories(partial.resolve(motion.className()));
            }
            AtomicInteger done = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (Video video : videos) {
                    futures.add(pool.submit(() -> {
                        write(settings, video, video.split() == Split.TRAIN ? trainDigits : testDigits, partial);
                        int n = done.incrementAndGet();
                        if (n % Math.max(1, videos.size() / 10) == 0 || n == videos.size()) {
                            log.printf(Locale.ROOT, "motion-digits: %d/%d videos, %.0f s%n", n, videos.size(),
                                    (System.nanoTime() - start) / 1e9);
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            writeLists(videos, partial);
            Files.move(partial, out);
        } catch (IOException e) {
            throw new Ssl4jException("cannot write motion-digits to " + out + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ssl4jException("motion-digits generation interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Ssl4jException s ? s
                    : new Ssl4jException("motion-digits failed: " + cause.getMessage(), cause);
        }
        return videos;
    }

    /** Renders one video with its sound track and masks. */
    private static void write(Settings s, Video video, Dataset digits, Path root) {
        SplittableRandom random = new SplittableRandom(video.key() ^ 0x9E3779B97F4A7C15L);
        int size = s.size();
        int margin = s.cameraJitter() ? size / 8 : 0;
        int canvas = size + 2 * margin;
        float[] background = video.scene().render(canvas, canvas, random);
        float[] digit = new float[digits.sampleLength()];
        digits.read(video.digit(), digit, 0);
        int side = digits.sampleShape()[1];
        double extent = 0.8 + 0.4 * random.nextDouble();
        double phase = 2 * Math.PI * random.nextDouble();
        double baseScale = (0.4 + 0.1 * random.nextDouble()) * size / side; // frame pixels per digit pixel
        double offsetX = (random.nextDouble() - 0.5) * 0.1 * size;
        double offsetY = (random.nextDouble() - 0.5) * 0.1 * size;
        float ink = (float) (0.8 + 0.2 * random.nextDouble());
        byte[] masks = new byte[s.frames() * size * size];
        float[] frame = new float[size * size];
        int camX = margin;
        int camY = margin;
        int samplesWritten = 0;
        double tone = 300 * Math.pow(2, video.motion().ordinal() / 3.0);
        try (VideoWriter writer = VideoWriter.open(root.resolve(video.path()), size, size,
                new VideoWriter.Settings(VideoWriter.Codec.H264, s.framesPerSecond(), 12, 0, 400_000,
                        s.audioRate()))) {
            for (int t = 0; t < s.frames(); t++) {
                if (margin > 0) {
                    camX = Math.max(0, Math.min(2 * margin, camX + random.nextInt(5) - 2));
                    camY = Math.max(0, Math.min(2 * margin, camY + random.nextInt(5) - 2));
                }
                MotionPattern.Pose pose = video.motion().pose(t / (s.frames() - 1.0), extent, phase);
                double cx = size / 2.0 + offsetX + pose.x() * size;
                double cy = size / 2.0 + offsetY + pose.y() * size;
                double scale = baseScale * pose.scale();
                double cos = Math.cos(pose.angle());
                double sin = Math.sin(pose.angle());
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        // Inverse map: frame pixel -> digit pixel (rotate back, unscale, recentre).
                        double dx = x + 0.5 - cx;
                        double dy = y + 0.5 - cy;
                        double u = (cos * dx + sin * dy) / scale + side / 2.0 - 0.5;
                        double v = (-sin * dx + cos * dy) / scale + side / 2.0 - 0.5;
                        float alpha = bilinear(digit, side, u, v);
                        float bg = background[(y + camY) * canvas + x + camX];
                        frame[y * size + x] = bg * (1 - alpha) + ink * alpha;
                        masks[(t * size + y) * size + x] = alpha >= 0.5f ? (byte) 255 : 0;
                    }
                }
                writer.write(frame);
                int until = (int) Math.round((t + 1) * s.audioRate() / s.framesPerSecond());
                float[] sound = new float[until - samplesWritten];
                for (int i = 0; i < sound.length; i++) {
                    double time = (samplesWritten + i) / (double) s.audioRate();
                    double pulse = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * time);
                    sound[i] = (float) (0.3 * pulse * Math.sin(2 * Math.PI * tone * time) + 0.05 * random.nextGaussian());
                }
                writer.writeAudio(sound);
                samplesWritten = until;
            }
        }
        writeMasks(root.resolve(video.maskPath()), masks, size, s.frames());
    }

    /** Bilinear sample of a {@code side x side} image at (u, v), 0 outside. */
    private static float bilinear(float[] image, int side, double u, double v) {
        if (u <= -1 || v <= -1 || u >= side || v >= side) {
            return 0;
        }
        int u0 = (int) Math.floor(u);
        int v0 = (int) Math.floor(v);
        double fu = u - u0;
        double fv = v - v0;
        double sum = 0;
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < 2; i++) {
                int uu = u0 + i;
                int vv = v0 + j;
                if (uu >= 0 && vv >= 0 && uu < side && vv < side) {
                    sum += image[vv * side + uu] * (i == 0 ? 1 - fu : fu) * (j == 0 ? 1 - fv : fv);
                }
            }
        }
        return (float) Math.min(1, Math.max(0, sum));
    }

    private static void writeMasks(Path file, byte[] masks, int size, int frames) {
        BufferedImage image = new BufferedImage(size, size * frames, BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(masks, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, masks.length);
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a mask file back: a vertical strip of square masks, as wide as each mask is high, true on the digit.
     *
     * @param file a {@code .mask.png} beside a video
     * @return {@code [frame][y * side + x]}, {@code side} the strip's width
     */
    public static boolean[][] readMasks(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            Ssl4jException.check(image != null && image.getHeight() % image.getWidth() == 0,
                    "%s is not a motion-digits mask strip (square masks stacked vertically)", file);
            int side = image.getWidth();
            int frames = image.getHeight() / side;
            boolean[][] out = new boolean[frames][side * side];
            for (int t = 0; t < frames; t++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        out[t][y * side + x] = (image.getRaster().getSample(x, t * side + y, 0) & 0xFF) >= 128;
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new Ssl4jException("cannot read masks " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeLists(List<Video> videos, Path root) throws IOException {
        StringBuilder classes = new StringBuilder();
        for (MotionPattern m : MotionPattern.values()) {
            classes.append(m.ordinal() + 1).append(' ').append(m.className()).append('\n');
        }
        Files.writeString(root.resolve("classInd.txt"), classes);
        for (Split split : Split.values()) {
            StringBuilder list = new StringBuilder();
            for (Video v : videos) {
                if (v.split() == split) {
                    list.append(v.path());
                    if (split == Split.TRAIN) {
                        list.append(' ').append(v.motion().ordinal() + 1); // UCF101's train lists carry the label
                    }
                    list.append('\n');
                }
            }
            Files.writeString(root.resolve(split.listFile()), list);
        }
        StringBuilder csv = new StringBuilder("path,class,label,scene,digit,split\n");
        for (Video v : videos) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%d,%s%n", v.path(), v.motion().className(),
                    v.motion().ordinal() + 1, v.scene().name().toLowerCase(Locale.ROOT), v.digit(),
                    v.split().name().toLowerCase(Locale.ROOT)));
        }
        Files.writeString(root.resolve("videos.csv"), csv);
    }
}
