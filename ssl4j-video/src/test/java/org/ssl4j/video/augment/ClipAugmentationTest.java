package org.ssl4j.video.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;

/** Clip-consistent augmentation: one draw per clip, applied to every frame. */
class ClipAugmentationTest {
    private static final int T = 4;
    private static final int S = 16;

    /** Two clips of T frames; frame t of clip c is a colour gradient shifted by t (motion) and tinted by c. */
    private static float[] sample() {
        float[] out = new float[2 * 3 * T * S * S];
        for (int c = 0; c < 2; c++) {
            for (int ch = 0; ch < 3; ch++) {
                for (int t = 0; t < T; t++) {
                    for (int y = 0; y < S; y++) {
                        for (int x = 0; x < S; x++) {
                            out[(((c * 3 + ch) * T + t) * S + y) * S + x] =
                                    (float) (0.1 + 0.05 * ((x + t) % S) / S * 10 + 0.1 * ch + 0.05 * c) / 1.5f;
                        }
                    }
                }
            }
        }
        return out;
    }

    private static float[][] apply(ClipAugmentation aug, float[] sample, long seed) {
        int[] shape = {2, 3, T, S, S};
        int[] view = aug.viewShape(shape);
        int length = view[0] * view[1] * view[2] * view[3];
        float[][] views = {new float[length], new float[length]};
        aug.apply(sample, shape, new SplittableRandom(seed), views, 0);
        return views;
    }

    @Test
    void withNothingRandomTheViewsAreTheClips() {
        float[] sample = sample();
        float[][] views = apply(new ClipAugmentation(2, S, 1, 1, 0, 0, 0.5, 0), sample, 1);
        assertThat(views[0]).containsExactly(Arrays.copyOfRange(sample, 0, sample.length / 2));
        assertThat(views[1]).containsExactly(Arrays.copyOfRange(sample, sample.length / 2, sample.length));
    }

    @Test
    void aFlipMirrorsEveryFrame() {
        float[] sample = sample();
        float[][] views = apply(new ClipAugmentation(2, S, 1, 1, 1, 0, 0.5, 0), sample, 1);
        for (int t = 0; t < T; t++) {
            for (int x = 0; x < S; x++) {
                int in = ((0 * T + t) * S + 3) * S + x;
                int out = ((0 * T + t) * S + 3) * S + (S - 1 - x);
                assertThat(views[0][out]).isCloseTo(sample[in], within(1e-6f));
            }
        }
    }

    @Test
    void oneCropAndJitterForAllFramesOfAClip() {
        // Frames that are equal in the input stay equal: a clip whose frames are all frame 0.
        float[] still = sample();
        int frame = S * S;
        for (int c = 0; c < 2; c++) {
            for (int ch = 0; ch < 3; ch++) {
                int base = ((c * 3 + ch) * T) * S * S;
                for (int t = 1; t < T; t++) {
                    System.arraycopy(still, base, still, base + t * frame, frame);
                }
            }
        }
        ClipAugmentation aug = new ClipAugmentation(2, 12, 0.3, 1, 0.5, 1, 1, 0.2);
        for (long seed = 0; seed < 20; seed++) {
            float[][] views = apply(aug, still, seed);
            int plane = 12 * 12;
            for (int ch = 0; ch < 3; ch++) {
                float[] first = Arrays.copyOfRange(views[0], (ch * T) * plane, (ch * T + 1) * plane);
                for (int t = 1; t < T; t++) {
                    assertThat(Arrays.copyOfRange(views[0], (ch * T + t) * plane, (ch * T + t + 1) * plane))
                            .as("seed %d channel %d frame %d", seed, ch, t).containsExactly(first);
                }
            }
        }
        float[][] a = apply(aug, sample(), 7);
        float[][] b = apply(aug, sample(), 7);
        assertThat(b[0]).containsExactly(a[0]); // one seed replays
        assertThat(a[0]).isNotEqualTo(apply(aug, sample(), 8)[0]);
    }

    @Test
    void badValuesAreOneLineErrors() {
        assertThatThrownBy(() -> new ClipAugmentation(2, 16, 0.5, 0.2, 0, 0, 0, 0)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("crop scale");
        ClipAugmentation aug = new ClipAugmentation(2, 16, 0.5, 1, 0, 0, 0, 0);
        assertThatThrownBy(() -> aug.viewShape(new int[] {3, 3, 4, 16, 16})).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("2 RGB clips");
    }

    @Test
    void vectorFieldsFollowTheClipsCropAndMirror() {
        // A 16-px picture under 4 x 4 cells of 4 px. dx is 1 cell (4 px) per frame everywhere; dy is the column.
        int m = 4;
        float[] src = new float[2 * m * m];
        for (int i = 0; i < m * m; i++) {
            src[i] = 1;
            src[m * m + i] = i % m;
        }
        // The right half of the top half: cells of 2 px, so dx is 2 cropped cells, and dy doubles too. The columns
        // sampled are 1.75, 2.25, 2.75 and 3.25, the last clamped to the border's 3.
        float[] dst = new float[2 * m * m];
        ClipAugmentation.cropVectors(src, 0, 1, m, new ClipAugmentation.Crop(8, 0, 8, 8, false), 16, dst, 0);
        float[] row = {3.5f, 4.5f, 5.5f, 6f};
        for (int y = 0; y < m; y++) {
            for (int x = 0; x < m; x++) {
                assertThat(dst[y * m + x]).isCloseTo(2f, within(1e-6f));
                assertThat(dst[m * m + y * m + x]).as("dy at (%d, %d)", y, x).isCloseTo(row[x], within(1e-5f));
            }
        }
        // Mirrored: the motion to the right goes left, and the columns come in reverse.
        ClipAugmentation.cropVectors(src, 0, 1, m, new ClipAugmentation.Crop(8, 0, 8, 8, true), 16, dst, 0);
        for (int x = 0; x < m; x++) {
            assertThat(dst[x]).isCloseTo(-2f, within(1e-6f));
            assertThat(dst[m * m + x]).isCloseTo(row[m - 1 - x], within(1e-5f));
        }
    }
}
