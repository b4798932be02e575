package org.ssl4j.image.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.data.PixelLabelled;
import org.ssl4j.image.augment.Image;
import org.ssl4j.image.augment.RandomResizedCrop;

/**
 * "Digit scenes", the dense benchmark of ssl4j (DenseCL's claim is about dense tasks, and the bundled digits are the
 * only images every installation has): grey 64x64 canvases holding 1 to 3 digits at random positions and sizes on a
 * noisy or textured background, with a label map of 11 pixel classes: {@code 1 + digit} where a digit's ink covers at
 * least half the pixel (a later digit covers an earlier one) and within {@value #MARGIN} pixels of such ink (the
 * nearest ink decides), 0 elsewhere. The margin makes a digit's mask its thickened strokes rather than hairlines of
 * 2-3 pixels, which a feature map of stride 8 could never outline; without it a dense probe's mIoU measures
 * upsampling more than features (on one encoder: 20 % without margin, 35 % with it, 29 % for random weights).
 *
 * <p>Scenes are a pure function of the source digits, the count and the seed: scene {@code i} draws everything from
 * its own generator seeded by {@code (seed, i)}. Half the backgrounds are smooth noise (a flat level plus
 * per-pixel Gaussian noise), half are textures (a sum of two or three sinusoidal gratings of random orientation and
 * frequency); both stay darker than the ink, so the labels are what a person would draw. Digits are scaled from
 * 28 to 20-40 pixels with bilinear resampling and boxes overlap at most a quarter of the smaller one where 20
 * placement tries allow it. The images carry no image-level label.
 */
public final class DigitScenes implements PixelLabelled {
    /** Side of a scene. */
    public static final int SIZE = 64;
    /** Background plus ten digits. */
    public static final int PIXEL_CLASSES = 11;
    /** Pixels around the ink that belong to the digit's mask. */
    public static final int MARGIN = 2;
    private static final int PLACEMENT_TRIES = 20;

    private final ImageSet images;
    private final byte[] labelMaps;

    private DigitScenes(ImageSet images, byte[] labelMaps) {
        this.images = images;
        this.labelMaps = labelMaps;
    }

    /**
     * Generates {@code count} scenes from {@code digits}.
     *
     * @param digits labelled grey digits {@code (1, H, W)} with classes 0-9
     * @param count number of scenes
     * @param seed the scenes' seed
     */
    public static DigitScenes generate(Dataset digits, int count, long seed) {
        int[] shape = digits.sampleShape();
        if (shape[0] != 1 || !digits.hasLabels() || digits.numClasses() > 10 || digits.size() == 0) {
            throw new IllegalArgumentException("digit scenes need labelled grey digits with at most 10 classes");
        }
        byte[] pixels = new byte[count * SIZE * SIZE];
        byte[] labels = new byte[count * SIZE * SIZE];
        float[] digit = new float[digits.sampleLength()];
        for (int i = 0; i < count; i++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
            float[] canvas = background(random);
            byte[] map = new byte[SIZE * SIZE];
            int placed = 1 + random.nextInt(3);
            int[][] boxes = new int[placed][];
            for (int d = 0; d < placed; d++) {
                int source = random.nextInt(digits.size());
                digits.read(source, digit, 0);
                int side = 20 + random.nextInt(21);
                boxes[d] = place(random, side, boxes, d);
                Image scaled = RandomResizedCrop.resize(new Image(digit, 1, shape[1], shape[2]),
                        new RandomResizedCrop.Box(0, 0, shape[1], shape[2]), side);
                float ink = (float) (0.75 + 0.25 * random.nextDouble());
                paint(canvas, map, scaled.data(), side, boxes[d], ink, (byte) (1 + digits.label(source)));
            }
            map = withMargin(map);
            for (int p = 0; p < canvas.length; p++) {
                pixels[i * SIZE * SIZE + p] = (byte) Math.round(Math.min(1f, Math.max(0f, canvas[p])) * 255f);
            }
            System.arraycopy(map, 0, labels, i * SIZE * SIZE, map.length);
        }
        return new DigitScenes(new ImageSet(pixels, new int[] {1, SIZE, SIZE}, null), labels);
    }

    /** Smooth noise or a grating texture, in [0, 0.55]. */
    private static float[] background(SplittableRandom random) {
        float[] out = new float[SIZE * SIZE];
        if (random.nextBoolean()) {
            double level = 0.05 + 0.25 * random.nextDouble();
            double sigma = 0.02 + 0.08 * random.nextDouble();
            for (int p = 0; p < out.length; p++) {
                out[p] = (float) (level + sigma * random.nextGaussian());
            }
        } else {
            int gratings = 2 + random.nextInt(2);
            double offset = 0.1 + 0.15 * random.nextDouble();
            double amplitude = (0.05 + 0.1 * random.nextDouble()) / gratings;
            for (int g = 0; g < gratings; g++) {
                double angle = Math.PI * random.nextDouble();
                double frequency = 2 * Math.PI * (2 + 6 * random.nextDouble()) / SIZE;
                double fx = frequency * Math.cos(angle);
                double fy = frequency * Math.sin(angle);
                double phase = 2 * Math.PI * random.nextDouble();
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        out[y * SIZE + x] += (float) (amplitude * Math.sin(fx * x + fy * y + phase));
                    }
                }
            }
            for (int p = 0; p < out.length; p++) {
                out[p] += (float) offset;
            }
        }
        for (int p = 0; p < out.length; p++) {
            out[p] = Math.min(0.55f, Math.max(0f, out[p]));
        }
        return out;
    }

    /** A {@code side x side} box {@code {top, left, side}} overlapping earlier boxes little, if tries allow. */
    private static int[] place(SplittableRandom random, int side, int[][] boxes, int placed) {
        int[] box = null;
        for (int attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
            box = new int[] {random.nextInt(SIZE - side + 1), random.nextInt(SIZE - side + 1), side};
            boolean ok = true;
            for (int j = 0; j < placed && ok; j++) {
                ok = overlap(box, boxes[j]) <= 0.25 * Math.min(side * side, boxes[j][2] * boxes[j][2]);
            }
            if (ok) {
                break;
            }
        }
        return box;
    }

    private static int overlap(int[] a, int[] b) {
        int h = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
        int w = Math.min(a[1] + a[2], b[1] + b[2]) - Math.max(a[1], b[1]);
        return Math.max(0, h) * Math.max(0, w);
    }

    /** Alpha-blends the digit's ink onto the canvas and labels the pixels it covers at least half. */
    private static void paint(float[] canvas, byte[] map, float[] digit, int side, int[] box, float ink, byte label) {
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                float alpha = Math.min(1f, Math.max(0f, digit[y * side + x]));
                int p = (box[0] + y) * SIZE + box[1] + x;
                canvas[p] = canvas[p] * (1 - alpha) + ink * alpha;
                if (alpha >= 0.5f) {
                    map[p] = label;
                }
            }
        }
    }

    /** The label map with every background pixel within {@link #MARGIN} of ink given the nearest ink's class. */
    private static byte[] withMargin(byte[] map) {
        byte[] out = map.clone();
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if (map[y * SIZE + x] != 0) {
                    continue;
                }
                int nearest = Integer.MAX_VALUE;
                for (int dy = -MARGIN; dy <= MARGIN; dy++) {
                    for (int dx = -MARGIN; dx <= MARGIN; dx++) {
                        int yy = y + dy;
                        int xx = x + dx;
                        int distance = dy * dy + dx * dx;
                        if (yy >= 0 && yy < SIZE && xx >= 0 && xx < SIZE && distance <= MARGIN * MARGIN
                                && distance < nearest && map[yy * SIZE + xx] != 0) {
                            nearest = distance;
                            out[y * SIZE + x] = map[yy * SIZE + xx];
                        }
                    }
                }
            }
        }
        return out;
    }

    @Override
    public int numPixelClasses() {
        return PIXEL_CLASSES;
    }

    @Override
    public void readPixelLabels(int index, int[] dst, int offset) {
        int base = index * SIZE * SIZE;
        for (int p = 0; p < SIZE * SIZE; p++) {
            dst[offset + p] = labelMaps[base + p];
        }
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public int[] sampleShape() {
        return images.sampleShape();
    }

    @Override
    public boolean hasLabels() {
        return false;
    }

    @Override
    public int label(int index) {
        throw new IllegalStateException("digit scenes have pixel labels only");
    }

    @Override
    public int numClasses() {
        return 0;
    }

    @Override
    public void read(int index, float[] dst, int offset) {
        images.read(index, dst, offset);
    }

    /** The fraction of pixels of each class over all scenes (for documentation and tests). */
    public double[] classFrequencies() {
        double[] out = new double[PIXEL_CLASSES];
        for (byte b : labelMaps) {
            out[b]++;
        }
        Arrays.setAll(out, c -> out[c] / labelMaps.length);
        return out;
    }
}
