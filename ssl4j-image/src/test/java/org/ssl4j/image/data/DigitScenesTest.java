package org.ssl4j.image.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.recipe.DataConfig;

class DigitScenesTest {
    private static final int PIXELS = DigitScenes.SIZE * DigitScenes.SIZE;

    /** One "digit" of class 3 that is a solid white 28x28 square, so each pasted digit labels its whole box. */
    private static ImageSet squares() {
        byte[] white = new byte[28 * 28];
        Arrays.fill(white, (byte) 255);
        return new ImageSet(white, new int[] {1, 28, 28}, new int[] {3});
    }

    @Test
    void labelsAreExactlyTheInkOfTheDigitsAndTheSceneIsAFunctionOfTheSeed() {
        DigitScenes scenes = DigitScenes.generate(squares(), 50, 7);
        float[] image = new float[PIXELS];
        int[] labels = new int[PIXELS];
        for (int i = 0; i < scenes.size(); i++) {
            scenes.read(i, image, 0);
            scenes.readPixelLabels(i, labels, 0);
            int ink = 0;
            for (int p = 0; p < PIXELS; p++) {
                assertThat(labels[p]).isIn(0, 4); // background or 1 + class 3
                boolean isInk = image[p] >= 0.74f; // the ink is 0.75-1.0, backgrounds stay below 0.55
                assertThat(isInk || image[p] <= 0.56f).isTrue();
                if (isInk) {
                    ink++;
                    assertThat(labels[p]).isEqualTo(4);
                } else if (labels[p] == 4) {
                    assertThat(nearInk(image, p)).as("scene %d pixel %d is labelled but far from ink", i, p).isTrue();
                }
            }
            assertThat(ink).isBetween(20 * 20, 3 * 40 * 40); // one to three squares of side 20-40
        }
        DigitScenes again = DigitScenes.generate(squares(), 50, 7);
        DigitScenes other = DigitScenes.generate(squares(), 50, 8);
        float[] a = new float[PIXELS];
        float[] b = new float[PIXELS];
        float[] c = new float[PIXELS];
        scenes.read(13, a, 0);
        again.read(13, b, 0);
        other.read(13, c, 0);
        assertThat(b).containsExactly(a);
        assertThat(c).isNotEqualTo(a);
    }

    /** Whether ink lies within the label margin of pixel {@code p}. */
    private static boolean nearInk(float[] image, int p) {
        int y = p / DigitScenes.SIZE;
        int x = p % DigitScenes.SIZE;
        int r = DigitScenes.MARGIN;
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                int yy = y + dy;
                int xx = x + dx;
                if (dy * dy + dx * dx <= r * r && yy >= 0 && yy < DigitScenes.SIZE && xx >= 0 && xx < DigitScenes.SIZE
                        && image[yy * DigitScenes.SIZE + xx] >= 0.74f) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void theBundledScenesUseEveryDigitClassAndAreMostlyBackground() {
        ImageData.TrainTest data = ImageData.open(new DataConfig("digit-scenes", null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null), java.nio.file.Path.of(""), System.err);
        assertThat(data.train().size()).isEqualTo(8000);
        assertThat(data.test().size()).isEqualTo(2000);
        assertThat(data.train().hasLabels()).isFalse();
        assertThat(data.train().sampleShape()).containsExactly(1, 64, 64);
        DigitScenes test = (DigitScenes) data.test();
        double[] frequencies = test.classFrequencies();
        assertThat(frequencies[0]).isBetween(0.8, 0.92);
        Set<Integer> seen = new HashSet<>();
        for (int c = 1; c < DigitScenes.PIXEL_CLASSES; c++) {
            if (frequencies[c] > 0.002) {
                seen.add(c);
            }
        }
        assertThat(seen).hasSize(10);
    }
}
