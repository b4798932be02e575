package org.ssl4j.video.method.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.compressed.MotionField;
import org.ssl4j.video.compressed.MotionVectorReader;
import org.ssl4j.video.compressed.TranslatingFrames;
import org.ssl4j.video.io.VideoWriter;

/** CMD's pairing of a clip with its keyframe and motion-vector clips, on an H.264 video of a known translation. */
class CmdSamplingTest {
    @TempDir
    Path dir;

    /** The mean x and y motion over the cells a vector covers. */
    private static double[] meanMotion(MotionField field) {
        double dx = 0;
        double dy = 0;
        int cells = 0;
        for (int r = 0; r < field.height(); r++) {
            for (int c = 0; c < field.width(); c++) {
                if (field.predicted(r, c)) {
                    dx += field.dx(r, c);
                    dy += field.dy(r, c);
                    cells++;
                }
            }
        }
        return new double[] {dx / cells, dy / cells};
    }

    @Test
    void pairsTheClipWithTheNearestKeyframeAndTheMotionThatFollowsIt() {
        Path file = TranslatingFrames.write(dir.resolve("t.mp4"),
                new VideoWriter.Settings(VideoWriter.Codec.H264, 25, 12, 0, 2_000_000));
        List<MotionField> fields;
        try (MotionVectorReader reader = MotionVectorReader.open(file, 8, 1)) {
            fields = reader.readAll();
        }
        assertThat(fields).hasSize(TranslatingFrames.FRAMES);
        List<Integer> keyframes = fields.stream().filter(MotionField::keyFrame).map(MotionField::index).toList();
        assertThat(keyframes).containsExactly(0, 12, 24); // GOP 12

        CmdSampling sampling = new CmdSampling(4, 2, 3, 1, 2);
        assertThat(sampling.span()).isEqualTo(7 + 2 + 3);
        SplittableRandom random = new SplittableRandom(5);
        boolean[] starts = new boolean[TranslatingFrames.FRAMES];
        for (int i = 0; i < 200; i++) {
            CmdSampling.Plan plan = sampling.plan(fields, random, "t.mp4");
            int start = plan.clip()[0];
            starts[start] = true;
            assertThat(plan.clip()).containsExactly(start, start + 2, start + 4, start + 6);
            assertThat(plan.future()).containsExactly(start + 9, start + 10, start + 11);
            assertThat(plan.future()[2]).isLessThan(TranslatingFrames.FRAMES);
            int middle = start + 3;
            int nearest = keyframes.stream().min((a, b) -> Math.abs(a - middle) != Math.abs(b - middle)
                    ? Math.abs(a - middle) - Math.abs(b - middle) : a - b).orElseThrow();
            assertThat(plan.keyframe()).as("keyframe of the clip at %d", start).isEqualTo(nearest);
            assertThat(fields.get(plan.keyframe()).keyFrame()).isTrue();
            int other = plan.other()[0];
            assertThat(plan.other()).containsExactly(other, other + 1, other + 2);
            assertThat(other + 2 < plan.future()[0] || plan.future()[2] < other).as("disjoint").isTrue();
            for (int f : plan.future()) { // the motion to predict is the video's: (DX, DY) per frame
                if (!fields.get(f).keyFrame()) {
                    double[] mean = meanMotion(fields.get(f));
                    assertThat(mean[0]).as("dx of frame %d", f).isCloseTo(TranslatingFrames.DX, within(0.5));
                    assertThat(mean[1]).as("dy of frame %d", f).isCloseTo(TranslatingFrames.DY, within(0.5));
                }
            }
        }
        for (int s = 0; s < starts.length; s++) { // every start that fits is drawn, and none that does not
            assertThat(starts[s]).as("start %d", s).isEqualTo(s <= TranslatingFrames.FRAMES - 12);
        }

        assertThatThrownBy(() -> new CmdSampling(8, 2, 8, 2, 0).plan(fields, random, "t.mp4"))
                .isInstanceOf(Ssl4jException.class)
                .hasMessage("t.mp4 has 25 frames; CMD needs 30 (clip, gap and motion-vector clip)");
        assertThatThrownBy(() -> new CmdSampling(1, 1, 13, 1, 0).plan(fields, random, "t.mp4"))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("negatives need a motion-vector clip");
        assertThatThrownBy(() -> new CmdSampling(2, 1, 2, 1, -1)).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("method.gap");
    }
}
