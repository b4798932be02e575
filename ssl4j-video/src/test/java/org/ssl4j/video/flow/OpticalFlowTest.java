package org.ssl4j.video.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;

/** Each flow method recovers a known translation of a texture. */
class OpticalFlowTest {
    private static final int W = 96;
    private static final int H = 80;

    /** Smooth value noise on a 6-pixel lattice, sampled at an offset. */
    private static float[] texture(double ox, double oy) {
        SplittableRandom random = new SplittableRandom(2);
        float[][] lattice = new float[40][40];
        for (float[] row : lattice) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextDouble();
            }
        }
        float[] out = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double u = (x - ox + 40) / 6.0;
                double v = (y - oy + 40) / 6.0;
                int gu = (int) u;
                int gv = (int) v;
                double tu = u - gu;
                double tv = v - gv;
                out[y * W + x] = (float) (0.2 + 0.6 * ((1 - tv) * ((1 - tu) * lattice[gv][gu] + tu * lattice[gv][gu + 1])
                        + tv * ((1 - tu) * lattice[gv + 1][gu] + tu * lattice[gv + 1][gu + 1])));
            }
        }
        return out;
    }

    @Test
    void everyMethodRecoversATranslation() {
        float[] first = texture(0, 0);
        float[] second = texture(2, -1); // content moves right by 2 and up by 1
        for (OpticalFlow.Method method : OpticalFlow.Method.values()) {
            try (OpticalFlow flow = OpticalFlow.create(method)) {
                float[] f = flow.compute(first, second, W, H);
                assertThat(f).hasSize(2 * W * H);
                double sx = 0;
                double sy = 0;
                int n = 0;
                for (int y = 12; y < H - 12; y++) {
                    for (int x = 12; x < W - 12; x++) {
                        sx += f[y * W + x];
                        sy += f[W * H + y * W + x];
                        n++;
                    }
                }
                assertThat(sx / n).as("%s mean dx", method).isCloseTo(2.0, within(0.25));
                assertThat(sy / n).as("%s mean dy", method).isCloseTo(-1.0, within(0.25));
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
