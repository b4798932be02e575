package org.ssl4j.image.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomAffineTest {
    private static final int SIDE = 5;

    /** A 5x5 one-channel image whose pixel (y, x) holds {@code 1 + 5y + x}, so every pixel is distinguishable. */
    private static Image numbered() {
        float[] d = new float[SIDE * SIDE];
        for (int i = 0; i < d.length; i++) {
            d[i] = 1 + i;
        }
        return new Image(d, 1, SIDE, SIDE);
    }

    @Test
    void zeroRangesAndZeroProbabilityLeaveTheImageUnchanged() {
        Image image = numbered();
        float[] before = image.data().clone();
        assertThat(new RandomAffine(1, 0, 0, 1, 1, 0).apply(image, new SplittableRandom(1)).data())
                .containsExactly(before);
        assertThat(new RandomAffine(0, 30, 0.2, 0.5, 2, 20).apply(image, new SplittableRandom(1)).data())
                .containsExactly(before);
    }

    @Test
    void quarterTurnAboutTheCentreMovesPixelsExactly() {
        Image image = numbered();
        Image turned = RandomAffine.warp(image, RandomAffine.forward(Math.PI / 2, 1, 0), 0, 0);
        // The forward map (x, y) -> (-y, x) about centre 2 has inverse (x, y) -> (y, -x): out(y, x) = in(4 - x, y).
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                assertThat((double) turned.get(0, y, x)).as("(%d, %d)", y, x)
                        .isCloseTo(image.get(0, SIDE - 1 - x, y), within(1e-5));
            }
        }
    }

    @Test
    void integerShiftMovesPixelsAndFillsWithZero() {
        Image image = numbered();
        Image shifted = RandomAffine.warp(image, RandomAffine.forward(0, 1, 0), 2, -1);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int sy = y + 1;
                int sx = x - 2;
                float expected = sx < 0 || sy >= SIDE ? 0f : image.get(0, sy, sx);
                assertThat((double) shifted.get(0, y, x)).as("(%d, %d)", y, x).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void shearAndZoomMatrixAndHalfPixelInterpolation() {
        double k = Math.tan(Math.toRadians(20));
        assertThat(RandomAffine.forward(0, 2, Math.toRadians(20)))
                .containsExactly(new double[] {2, 2 * k, 0, 2}, within(1e-12));
        // Zoom 2 about centre 2: output column 3 samples input column 2.5, halfway between values 13 and 14 on row 2.
        Image zoomed = RandomAffine.warp(numbered(), RandomAffine.forward(0, 2, 0), 0, 0);
        assertThat((double) zoomed.get(0, 2, 3)).isCloseTo(13.5, within(1e-5));
        assertThat((double) zoomed.get(0, 2, 2)).isCloseTo(13, within(1e-5));
    }

    @Test
    void drawsAreReproducibleAndRejectBadRanges() {
        RandomAffine affine = new RandomAffine(1, 15, 0.1, 0.9, 1.1, 15);
        float[] a = affine.apply(numbered(), new SplittableRandom(7)).data();
        float[] b = affine.apply(numbered(), new SplittableRandom(7)).data();
        assertThat(a).containsExactly(b).isNotEqualTo(numbered().data());
        assertThatThrownBy(() -> new RandomAffine(1, 15, 0.1, 1.2, 1.1, 15))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale [1.2, 1.1]");
    }
}
