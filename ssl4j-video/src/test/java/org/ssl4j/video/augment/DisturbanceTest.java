package org.ssl4j.video.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.augment.TemporalLocalDisturbance.Kind;
import org.ssl4j.video.synth.MotionDigits;
import org.ssl4j.video.synth.SquareDigits;

/** DSM's disturbances: the spatial one breaks pixels but keeps the motion, the temporal one breaks the motion. */
class DisturbanceTest {
    private static final int SIZE = 64;
    private static final int FRAMES = 12;

    @TempDir
    Path dir;

    /** The masks of every MotionDigits video of a tiny set, as clips {@code (3, T, H, W)} of 0 and 1. */
    private List<float[]> maskClips() {
        MotionDigits.Settings settings = new MotionDigits.Settings(5, SIZE, FRAMES, 25, 1, 1, 0, 0.8, false, 16_000,
                2);
        List<MotionDigits.Video> videos = MotionDigits.generate(settings, SquareDigits.dataset(),
                SquareDigits.dataset(), dir.resolve("md"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return videos.stream().map(v -> {
            boolean[][] masks = MotionDigits.readMasks(dir.resolve("md").resolve(v.maskPath()));
            int plane = SIZE * SIZE;
            float[] clip = new float[3 * FRAMES * plane];
            for (int c = 0; c < 3; c++) {
                for (int t = 0; t < FRAMES; t++) {
                    for (int p = 0; p < plane; p++) {
                        clip[(c * FRAMES + t) * plane + p] = masks[t][p] ? 1 : 0;
                    }
                }
            }
            return clip;
        }).toList();
    }

    /** The centroid {y, x} of channel 0's values in frame {@code t}. */
    private static double[] centroid(float[] clip, int t) {
        double mass = 0;
        double y = 0;
        double x = 0;
        for (int p = 0; p < SIZE * SIZE; p++) {
            double v = clip[t * SIZE * SIZE + p];
            mass += v;
            y += v * (p / SIZE);
            x += v * (p % SIZE);
        }
        return new double[] {y / mass, x / mass};
    }

    /** The mean distance between the digit's centroids in two clips, over the frames. */
    private static double meanCentroidDistance(float[] a, float[] b) {
        double sum = 0;
        for (int t = 0; t < FRAMES; t++) {
            double[] ca = centroid(a, t);
            double[] cb = centroid(b, t);
            sum += Math.hypot(ca[0] - cb[0], ca[1] - cb[1]);
        }
        return sum / FRAMES;
    }

    @Test
    void spatialDisturbanceChangesPixelsButKeepsTheDigitsTrajectory() {
        SpatialLocalDisturbance sld = SpatialLocalDisturbance.paper();
        TemporalLocalDisturbance shuffle = new TemporalLocalDisturbance(List.of(Kind.SHUFFLE), 4);
        SplittableRandom random = new SplittableRandom(1);
        double warpedSum = 0;
        double shuffledSum = 0;
        List<float[]> clips = maskClips();
        for (float[] clip : clips) {
            float[] warped = clip.clone();
            sld.apply(warped, 0, FRAMES, SIZE, SIZE, random);
            double changed = 0;
            for (int i = 0; i < clip.length; i++) {
                changed += Math.abs(warped[i] - clip[i]);
            }
            assertThat(changed).as("mask pixels the warp moved").isGreaterThan(1);
            double warpedDistance = meanCentroidDistance(clip, warped);
            // At most 3 warps, each moving a pixel by at most half its shift of 20/224 of the frame: 5.1 px.
            assertThat(warpedDistance).as("the warp's centroid error").isLessThan(1.5 * 20.0 / 224 * SIZE);
            warpedSum += warpedDistance;
            float[] shuffled = new float[clip.length];
            TemporalLocalDisturbance.reorder(clip, 0, shuffle.draw(FRAMES, random).frames(), SIZE, SIZE, shuffled);
            shuffledSum += meanCentroidDistance(clip, shuffled);
        }
        assertThat(clips.size()).isEqualTo(20);
        double warpedMean = warpedSum / clips.size();
        double shuffledMean = shuffledSum / clips.size();
        assertThat(warpedMean).as("mean centroid error of the spatial disturbance, px").isLessThan(1.0);
        assertThat(shuffledMean).as("the temporal disturbance moves the trajectory far more")
                .isGreaterThan(3 * warpedMean);
    }

    @Test
    void spatialDisturbanceIsTheSameWarpOnEveryFrameAndChannel() {
        SplittableRandom data = new SplittableRandom(3);
        int plane = SIZE * SIZE;
        float[] picture = new float[plane];
        for (int p = 0; p < plane; p++) {
            picture[p] = (float) data.nextDouble();
        }
        float[] clip = new float[3 * 4 * plane];
        for (int i = 0; i < 12; i++) {
            System.arraycopy(picture, 0, clip, i * plane, plane);
        }
        SpatialLocalDisturbance.paper().apply(clip, 0, 4, SIZE, SIZE, new SplittableRandom(4));
        for (int i = 1; i < 12; i++) {
            for (int p = 0; p < plane; p++) {
                assertThat(clip[i * plane + p]).isEqualTo(clip[p]);
            }
        }
        double changed = 0;
        for (int p = 0; p < plane; p++) {
            changed += Math.abs(clip[p] - picture[p]);
        }
        assertThat(changed).isGreaterThan(1);
    }

    @Test
    void temporalDisturbancesBreakTheOrderAsSpecified() {
        SplittableRandom random = new SplittableRandom(2);
        TemporalLocalDisturbance shuffle = new TemporalLocalDisturbance(List.of(Kind.SHUFFLE), 4);
        for (int i = 0; i < 200; i++) {
            TemporalLocalDisturbance.Draw draw = shuffle.draw(8, random);
            assertThat(draw.clip()).isZero();
            int[] order = draw.frames();
            assertThat(order).isNotEqualTo(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
            for (int t = 0; t < 8; t++) { // a permutation within each window of 4
                assertThat(order[t] / 4).isEqualTo(t / 4);
            }
            assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
        }
        TemporalLocalDisturbance still = new TemporalLocalDisturbance(List.of(Kind.STATIC), 4);
        int[] seen = new int[8];
        for (int i = 0; i < 200; i++) {
            int[] order = still.draw(8, random).frames();
            for (int t = 1; t < 8; t++) {
                assertThat(order[t]).isEqualTo(order[0]);
            }
            seen[order[0]]++;
        }
        assertThat(seen).doesNotContain(0);
        assertThat(new TemporalLocalDisturbance(List.of(Kind.REVERSE), 4).draw(5, random).frames())
                .containsExactly(4, 3, 2, 1, 0);
        TemporalLocalDisturbance other = new TemporalLocalDisturbance(List.of(Kind.OTHER_TIME), 4);
        assertThat(other.needsOtherClip()).isTrue();
        assertThat(shuffle.needsOtherClip()).isFalse();
        TemporalLocalDisturbance.Draw draw = other.draw(8, random);
        assertThat(draw.clip()).isEqualTo(1);
        assertThat(draw.frames()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void reorderMovesWholeFramesOfEveryChannel() {
        int h = 2;
        int w = 3;
        float[] clip = new float[3 * 3 * h * w];
        for (int i = 0; i < clip.length; i++) {
            clip[i] = i;
        }
        float[] out = new float[clip.length];
        TemporalLocalDisturbance.reorder(clip, 0, new int[] {2, 2, 0}, h, w, out);
        for (int c = 0; c < 3; c++) {
            assertThat(out[(c * 3) * 6]).isEqualTo(clip[(c * 3 + 2) * 6]);
            assertThat(out[(c * 3 + 1) * 6 + 5]).isEqualTo(clip[(c * 3 + 2) * 6 + 5]);
            assertThat(out[(c * 3 + 2) * 6 + 1]).isEqualTo(clip[(c * 3) * 6 + 1]);
        }
    }

    @Test
    void badSettingsAreOneLineErrors() {
        assertThatThrownBy(() -> new SpatialLocalDisturbance(0, 0.1, 0.2)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("method.sldWarps");
        assertThatThrownBy(() -> new SpatialLocalDisturbance(2, 0.3, 0.2)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("method.sldRadius");
        assertThatThrownBy(() -> Kind.parse("backwards")).isInstanceOf(Ssl4jException.class)
                .hasMessage("method.negatives must be one of other-time, shuffle, static, reverse, got 'backwards'");
        assertThatThrownBy(() -> new TemporalLocalDisturbance(List.of(), 4)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("at least one");
    }
}
