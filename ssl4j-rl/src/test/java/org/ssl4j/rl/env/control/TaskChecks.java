package org.ssl4j.rl.env.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ssl4j.rl.env.TimeStep;

/** Checks the contact tasks' tests share: episodes repeatable by seed, and where the level camera shows a point. */
final class TaskChecks {
    private TaskChecks() {}

    /**
     * Two copies of a task seeded alike start alike and stay alike for 30 steps of the same random actions, for 20
     * seeds; {@code start} checks each episode's first state.
     */
    static void assertRepeatableBySeed(Supplier<ControlTask> task, Consumer<float[]> start) {
        ControlTask a = task.get();
        ControlTask b = task.get();
        SplittableRandom random = new SplittableRandom(5);
        float[] action = new float[a.actionSize()];
        for (long seed = 0; seed < 20; seed++) {
            a.seed(seed);
            b.seed(seed);
            TimeStep first = a.reset();
            assertThat(b.reset().state()).containsExactly(first.state());
            start.accept(first.state());
            for (int t = 0; t < 30; t++) {
                for (int i = 0; i < action.length; i++) {
                    action[i] = (float) random.nextDouble(-1, 1);
                }
                assertThat(b.step(action).state()).containsExactly(a.step(action).state());
            }
        }
    }

    /**
     * The row-major index, in a {@code size x size} image, of the pixel showing the plane's point {@code (x, z)}
     * through the level camera 1.118 m in front of (0, 0.3) with 45 degrees of view (ball_in_cup's and finger's).
     */
    static int levelCameraPixel(int size, double x, double z) {
        double scale = size / 2.0 / Math.tan(Math.toRadians(22.5)) / Math.hypot(1, 0.5);
        int col = (int) Math.floor(size / 2.0 + x * scale);
        int row = (int) Math.floor(size / 2.0 - (z - 0.3) * scale);
        return row * size + col;
    }
}
