package org.ssl4j.image.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.recipe.AugmentConfig;

class AugmentationTest {
    private static float[] gradient(int c, int h, int w) {
        float[] d = new float[c * h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i % (h * w)) / (float) (h * w);
        }
        return d;
    }

    private static AugmentConfig config(double flip, double gray) {
        return new AugmentConfig(24, List.of(0.2, 0.9), null, flip, 1.0, 0.5, gray, 0.5, List.of(0.1, 2.0), null);
    }

    @Test
    void viewsHaveShapeRangeAndAreReproducible() {
        for (int channels : new int[] {1, 3}) {
            SimClrAugmentation transform = new SimClrAugmentation(config(0.5, 0.2), 32);
            float[] sample = gradient(channels, 32, 32);
            int[] shape = {channels, 32, 32};
            assertThat(transform.viewShape(shape)).containsExactly(channels, 24, 24);
            int len = channels * 24 * 24;
            float[][] a = {new float[2 * len], new float[2 * len]};
            float[][] b = {new float[2 * len], new float[2 * len]};
            transform.apply(sample, shape, new SplittableRandom(11), a, 1);
            transform.apply(sample, shape, new SplittableRandom(11), b, 1);
            assertThat(a).isDeepEqualTo(b);
            assertThat(a[0]).isNotEqualTo(a[1]); // the two views differ
            for (float[] view : a) {
                for (int i = len; i < 2 * len; i++) {
                    assertThat(view[i]).isBetween(0f, 1f);
                }
            }
            float[][] c = {new float[2 * len], new float[2 * len]};
            transform.apply(sample, shape, new SplittableRandom(12), c, 1);
            assertThat(c).isNotEqualTo(a);
        }
    }

    @Test
    void cropAreasFollowTheConfiguredScaleRange() {
        RandomResizedCrop crop = new RandomResizedCrop(28, 0.3, 0.6, 3.0 / 4, 4.0 / 3);
        SplittableRandom random = new SplittableRandom(5);
        double min = 1;
        double max = 0;
        for (int i = 0; i < 2000; i++) {
            RandomResizedCrop.Box box = crop.sampleBox(100, 100, random);
            double area = box.height() * box.width() / 10_000.0;
            double ratio = (double) box.width() / box.height();
            assertThat(area).isBetween(0.3 - 0.02, 0.6 + 0.02); // rounding to whole pixels
            assertThat(ratio).isBetween(0.75 - 0.03, 4.0 / 3 + 0.03);
            assertThat(box.top() + box.height()).isLessThanOrEqualTo(100);
            assertThat(box.left() + box.width()).isLessThanOrEqualTo(100);
            min = Math.min(min, area);
            max = Math.max(max, area);
        }
        assertThat(min).isLessThan(0.32);
        assertThat(max).isGreaterThan(0.58);
    }

    @Test
    void fullCropResizeIsIdentityAndHalfCropUpsamples() {
        float[] d = gradient(1, 4, 4);
        Image image = new Image(d.clone(), 1, 4, 4);
        Image same = RandomResizedCrop.resize(image, new RandomResizedCrop.Box(0, 0, 4, 4), 4);
        assertThat(same.data()).containsExactly(d);
        Image up = RandomResizedCrop.resize(new Image(new float[] {0, 1, 0, 1}, 1, 2, 2),
                new RandomResizedCrop.Box(0, 0, 2, 2), 4);
        // align_corners=False: output columns sample x = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        assertThat(up.data()[0]).isEqualTo(0f);
        assertThat((double) up.data()[1]).isCloseTo(0.25, within(1e-6));
        assertThat((double) up.data()[2]).isCloseTo(0.75, within(1e-6));
        assertThat(up.data()[3]).isEqualTo(1f);
    }

    @Test
    void flipTwiceIsIdentityAndBlurKeepsConstantsAndMass() {
        float[] d = gradient(3, 5, 6);
        Image image = new Image(d.clone(), 3, 5, 6);
        HorizontalFlip flip = new HorizontalFlip(1.0);
        flip.apply(image, new SplittableRandom(1));
        assertThat(image.get(0, 0, 0)).isEqualTo(d[5]);
        flip.apply(image, new SplittableRandom(1));
        assertThat(image.data()).containsExactly(d);

        Image constant = new Image(new float[] {0.4f, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f}, 1, 3, 3);
        GaussianBlur.blur(constant, 1.5);
        for (float v : constant.data()) {
            assertThat((double) v).isCloseTo(0.4, within(1e-6));
        }
        float[] dot = new float[81];
        dot[40] = 1f;
        Image spot = new Image(dot, 1, 9, 9);
        GaussianBlur.blur(spot, 1.0);
        double sum = 0;
        for (float v : spot.data()) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
        assertThat(spot.get(0, 4, 4)).isGreaterThan(spot.get(0, 4, 5)).isGreaterThan(spot.get(0, 4, 6));
        assertThat(GaussianBlur.reflect(-1, 5)).isEqualTo(1);
        assertThat(GaussianBlur.reflect(5, 5)).isEqualTo(3);
    }

    @Test
    void grayscaleAndJitterOnRgb() {
        Image rgb = new Image(new float[] {1f, 0f, 0f}, 3, 1, 1);
        new Grayscale(1.0).apply(rgb, new SplittableRandom(0));
        assertThat(rgb.data()).containsExactly(0.299f, 0.299f, 0.299f);
        // With zero strength the jitter changes nothing.
        float[] d = gradient(3, 4, 4);
        Image image = new Image(d.clone(), 3, 4, 4);
        new ColorJitter(1.0, 0.0).apply(image, new SplittableRandom(3));
        for (int i = 0; i < d.length; i++) {
            assertThat((double) image.data()[i]).isCloseTo(d[i], within(1e-5));
        }
    }
}
