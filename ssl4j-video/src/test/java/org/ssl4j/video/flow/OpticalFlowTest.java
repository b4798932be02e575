package org.ssl4j.video.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.compressed.TranslatingFrames;

/** Each flow method recovers a known translation of a texture. */
class OpticalFlowTest {
    private static final int W = TranslatingFrames.WIDTH;
    private static final int H = TranslatingFrames.HEIGHT;

    /**
     * The mean {@code (dx, dy)} of a {@code (2, h, w)} flow over the pixels at least {@code border} from the edges
     * (where content enters).
     */
    static double[] interiorMean(float[] flow, int w, int h, int border) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int y = border; y < h - border; y++) {
            for (int x = border; x < w - border; x++) {
                sx += flow[y * w + x];
                sy += flow[w * h + y * w + x];
                n++;
            }
        }
        return new double[] {sx / n, sy / n};
    }

    @Test
    void everyMethodRecoversATranslation() {
        float[][] frames = TranslatingFrames.frames(); // content moves right by 2 and up by 1 per frame
        for (OpticalFlow.Method method : OpticalFlow.Method.values()) {
            try (OpticalFlow flow = OpticalFlow.create(method)) {
                float[] f = flow.compute(frames[0], frames[1], W, H);
                assertThat(f).hasSize(2 * W * H);
                double[] mean = interiorMean(f, W, H, 12);
                assertThat(mean[0]).as("%s mean dx", method).isCloseTo(TranslatingFrames.DX, within(0.25));
                assertThat(mean[1]).as("%s mean dy", method).isCloseTo(TranslatingFrames.DY, within(0.25));
            }
        }
    }

    @Test
    void badInputIsAOneLineError() {
        assertThatThrownBy(() -> OpticalFlow.Method.parse("lucas")).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("'lucas'");
        try (OpticalFlow flow = OpticalFlow.create(OpticalFlow.Method.DIS)) {
            assertThatThrownBy(() -> flow.compute(new float[10], new float[W * H], W, H))
                    .isInstanceOf(Ssl4jException.class).hasMessageContaining("got 10");
        }
    }
}
