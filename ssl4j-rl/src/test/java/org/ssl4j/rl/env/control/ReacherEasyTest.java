package org.ssl4j.rl.env.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.ssl4j.rl.env.TimeStep;

/** The reacher's reward at hand-set states, its arm's kinematics and dynamics, seeding and rendering. */
class ReacherEasyTest {
    @Test
    void rewardIsOneWhileTheFingertipTouchesTheTarget() {
        ReacherEasy env = new ReacherEasy();
        env.setState(Math.PI / 2, 0, 0, 0, 0, 0.24); // the arm straight up: the fingertip at (0, 0.24)
        assertThat(env.fingertip()).containsExactly(new double[] {0, 0.24}, within(1e-12));
        assertThat(env.reward(new double[] {0, 0})).isEqualTo(1);
        env.setState(Math.PI / 2, 0, 0, 0, 0.059, 0.24); // centres 0.059 apart: touching (0.05 + 0.01)
        assertThat(env.reward(new double[] {0, 0})).isEqualTo(1);
        env.setState(Math.PI / 2, 0, 0, 0, 0.061, 0.24);
        assertThat(env.reward(new double[] {0, 0})).isEqualTo(0);
        env.setState(0, Math.PI / 2, 0, 0, 0.12, 0.12); // elbow at (0.12, 0), hand up: fingertip (0.12, 0.12)
        assertThat(env.reward(new double[] {0, 0})).isEqualTo(1);
        assertThat(env.state()).containsExactly(new float[] {0, (float) (Math.PI / 2), 0, 0, 0, 0}, within(1e-6f));
    }

    /** With no control the damping only takes energy out; the wrist's limit holds against its full torque. */
    @Test
    void dampingDissipatesAndTheWristStopsAtItsLimit() {
        ReacherEasy env = new ReacherEasy();
        env.reset();
        env.setState(0.3, 0.5, 8, -6, 0.1, 0.1);
        double energy = kinetic(env.physicsState());
        for (int t = 0; t < 300; t++) {
            env.step(new float[] {0, 0});
            double now = kinetic(env.physicsState());
            assertThat(now).as("kinetic energy at step %d", t).isLessThanOrEqualTo(energy * (1 + 1e-9));
            energy = now;
        }
        assertThat(energy).isLessThan(kineticAt(0.5, 8, -6) / 10);
        env.setState(0, 0, 0, 0, 0.1, 0.1);
        double furthest = 0;
        for (int t = 0; t < 300; t++) {
            env.step(new float[] {0, 1});
            furthest = Math.max(furthest, env.physicsState()[1]);
        }
        assertThat(Math.toDegrees(furthest)).isBetween(160.0, 166.0);
        assertThat(Math.toDegrees(env.physicsState()[1])).isCloseTo(160, within(3.0));
    }

    private static double kinetic(double[] s) {
        return kineticAt(s[1], s[2], s[3]);
    }

    private static double kineticAt(double wrist, double v1, double v2) {
        double cos = Math.cos(wrist);
        double m11 = ReacherEasy.ARM_INERTIA + ReacherEasy.HAND_INERTIA
                + ReacherEasy.HAND_MASS * ReacherEasy.ARM * ReacherEasy.ARM
                + 2 * ReacherEasy.HAND_MOMENT * ReacherEasy.ARM * cos;
        double m12 = ReacherEasy.HAND_INERTIA + ReacherEasy.HAND_MOMENT * ReacherEasy.ARM * cos;
        return 0.5 * (m11 * v1 * v1 + 2 * m12 * v1 * v2 + ReacherEasy.HAND_INERTIA * v2 * v2);
    }

    /** A joint-space PD controller towards the inverse kinematics of the target reaches it and earns reward 1. */
    @Test
    void aPdControllerReachesTheTarget() {
        ReacherEasy env = new ReacherEasy();
        env.seed(3);
        TimeStep step = env.reset();
        double tx = step.state()[2] + env.fingertip()[0];
        double ty = step.state()[3] + env.fingertip()[1];
        double r2 = tx * tx + ty * ty;
        double elbow = Math.acos((r2 - 0.12 * 0.12 - 0.12 * 0.12) / (2 * 0.12 * 0.12));
        double shoulder = Math.atan2(ty, tx) - Math.atan2(0.12 * Math.sin(elbow), 0.12 + 0.12 * Math.cos(elbow));
        double total = 0;
        for (int t = 0; t < 200; t++) {
            double[] s = env.physicsState();
            double e1 = Math.IEEEremainder(shoulder - s[0], 2 * Math.PI);
            float u1 = (float) (10 * e1 - 0.5 * s[2]);
            float u2 = (float) (10 * (elbow - s[1]) - 0.5 * s[3]);
            total += env.step(new float[] {u1, u2}).reward();
        }
        assertThat(env.reward(new double[] {0, 0})).isEqualTo(1);
        assertThat(total).isGreaterThan(100);
    }

    @Test
    void episodesAreRepeatableBySeedAndDrawTheSuitesInitialStates() {
        ReacherEasy a = new ReacherEasy();
        ReacherEasy b = new ReacherEasy();
        for (long seed = 0; seed < 20; seed++) {
            a.seed(seed);
            b.seed(seed);
            TimeStep first = a.reset();
            assertThat(b.reset().state()).containsExactly(first.state());
            double[] tip = a.fingertip();
            double radius = Math.hypot(first.state()[2] + tip[0], first.state()[3] + tip[1]);
            assertThat(radius).isBetween(0.05 - 1e-6, 0.2 + 1e-6);
            assertThat(Math.abs(first.state()[1])).isLessThanOrEqualTo((float) Math.toRadians(160));
            assertThat(first.state()[4]).isZero();
        }
    }

    /** Looking down from 0.75 m with 45 degrees of view: 1 m of the ground is (H / 2) / tan(22.5 deg) / 0.75 px. */
    @Test
    void theRenderingShowsTheTargetAndTheArm() {
        int size = 100;
        double scale = size / 2.0 / Math.tan(Math.toRadians(22.5)) / 0.75;
        ReacherEasy env = new ReacherEasy();
        env.setState(0, 0, 0, 0, -0.15, 0.1); // arm along +x, target up-left
        byte[] rgb = new byte[3 * size * size];
        env.render(size, size, rgb, 0);
        int target = pixel(size, -0.15, 0.1, scale);
        assertThat(rgb[target] & 0xFF).as("target red").isBetween(140, 165);
        assertThat(rgb[2 * size * size + target] & 0xFF).as("target blue").isBetween(65, 90);
        int arm = pixel(size, 0.08, 0, scale);
        assertThat(rgb[arm] & 0xFF).as("arm red").isGreaterThan(120);
        int empty = pixel(size, 0.08, -0.15, scale);
        assertThat(rgb[empty] & 0xFF).as("ground red").isLessThan(60);
    }

    private static int pixel(int size, double x, double y, double scale) {
        int col = (int) Math.floor(size / 2.0 + x * scale);
        int row = (int) Math.floor(size / 2.0 - y * scale);
        return row * size + col;
    }
}
