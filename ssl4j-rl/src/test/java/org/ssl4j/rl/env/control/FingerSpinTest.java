package org.ssl4j.rl.env.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.ssl4j.rl.env.TimeStep;

/** Finger-spin's reward at hand-set states, the spinner's friction, the finger's limits and contacts, seeding. */
class FingerSpinTest {
    private static final float[] IDLE = {0, 0};
    /** The finger hanging down and back, far from the spinner. */
    private static final double AWAY = Math.toRadians(-100);

    @Test
    void rewardIsOneWhileTheSpinnerTurnsClockwiseFasterThan15() {
        FingerSpin env = new FingerSpin();
        env.reset();
        env.setState(AWAY, 0, 0, 0, 0, -17);
        assertThat(env.step(IDLE).reward()).isEqualTo(1);
        env.setState(AWAY, 0, 0, 0, 0, 17);
        assertThat(env.step(IDLE).reward()).isEqualTo(0);
        env.setState(AWAY, 0, 0, 0, 0, -14.9);
        assertThat(env.step(IDLE).reward()).isEqualTo(0);
    }

    /**
     * Alone, the spinner slows by {@code (0.1 + 0.03 |w|) / I} (dry friction and damping over its inertia from
     * water's density) and then stops dead.
     */
    @Test
    void theSpinnersFrictionSlowsItAndStopsIt() {
        FingerSpin env = new FingerSpin();
        env.reset();
        env.setState(AWAY, 0, 0.3, 0, 0, -5);
        env.step(IDLE);
        double inertia = FingerSpin.SPINNER_MASS.getInertia();
        double dt = FingerSpin.SUBSTEPS * FingerSpin.TIMESTEP;
        double expected = -5 + (0.1 + 0.03 * 5) / inertia * dt;
        assertThat(env.physicsState()[5]).isCloseTo(expected, within(0.02 * (expected + 5)));
        for (int t = 0; t < 500; t++) {
            env.step(IDLE);
        }
        assertThat(env.physicsState()[5]).isCloseTo(0, within(1e-9));
        assertThat(FingerSpin.SPINNER_MASS.getCenter().x).isCloseTo(0, within(1e-12));
    }

    /** Full torque on both joints for 2 s: the joints stop at +-110 degrees. */
    @Test
    void theJointsStopAtTheirLimits() {
        FingerSpin env = new FingerSpin();
        env.reset();
        env.setState(AWAY, 0, 0, 0, 0, 0);
        double lowest = 0;
        for (int t = 0; t < 100; t++) {
            env.step(new float[] {-1, -1});
            lowest = Math.min(lowest, Math.min(env.physicsState()[0], env.physicsState()[1]));
        }
        assertThat(Math.toDegrees(lowest)).isBetween(-112.0, -105.0);
        assertThat(Math.toDegrees(env.physicsState()[0])).isCloseTo(-110, within(1.5));
        assertThat(Math.toDegrees(env.physicsState()[1])).isCloseTo(-110, within(1.5));
    }

    /** With no control the finger's joint damping only takes its kinetic energy out. */
    @Test
    void dampingDissipatesTheFingersEnergy() {
        FingerSpin env = new FingerSpin();
        env.reset();
        env.setState(AWAY, 0.2, 0, 3, -2, 0);
        double energy = env.fingerKineticEnergy();
        assertThat(energy).isGreaterThan(0.01);
        for (int t = 0; t < 50; t++) {
            env.step(IDLE);
            double now = env.fingerKineticEnergy();
            assertThat(now).as("kinetic energy at step %d", t).isLessThanOrEqualTo(energy * (1 + 1e-9));
            energy = now;
        }
        assertThat(energy).isLessThan(1e-6);
    }

    /** Sweeping the finger through the spinner's side makes it turn, and the fingertip's touch sensors feel it. */
    @Test
    void theFingerFlicksTheSpinner() {
        FingerSpin env = new FingerSpin();
        env.reset();
        env.setState(Math.toRadians(-60), 0, 0, 0, 0, 0);
        double fastest = 0;
        float touched = 0;
        for (int t = 0; t < 40; t++) {
            TimeStep step = env.step(new float[] {1, 0});
            fastest = Math.max(fastest, Math.abs(env.physicsState()[5]));
            touched = Math.max(touched, Math.max(step.state()[7], step.state()[8]));
        }
        assertThat(fastest).isGreaterThan(1);
        assertThat(touched).isGreaterThan(0);
    }

    @Test
    void episodesAreRepeatableBySeedAndDrawTheSuitesInitialStates() {
        TaskChecks.assertRepeatableBySeed(FingerSpin::new, start -> {
            assertThat(Math.abs(start[0])).isLessThanOrEqualTo((float) FingerSpin.RANGE);
            assertThat(Math.abs(start[1])).isLessThanOrEqualTo((float) FingerSpin.RANGE);
            assertThat(Math.hypot(start[2], start[3])).isCloseTo(FingerSpin.TIP_SITE, within(1e-6));
            assertThat(start[4]).isZero();
        });
    }

    @Test
    void theRenderingShowsTheFingerAndTheSpinner() {
        int size = 100;
        FingerSpin env = new FingerSpin();
        env.reset();
        env.setState(Math.toRadians(-90), 0, 0, 0, 0, 0); // the finger hanging straight down
        byte[] rgb = new byte[3 * size * size];
        env.render(size, size, rgb, 0);
        int tip = TaskChecks.levelCameraPixel(size, -0.2, 0.4 - 0.18 - 0.145);
        assertThat(rgb[tip] & 0xFF).as("fingertip red").isBetween(165, 190);
        int spinner = TaskChecks.levelCameraPixel(size, 0.2, 0.45);
        assertThat(rgb[spinner] & 0xFF).as("spinner red").isBetween(165, 190);
        assertThat(rgb[2 * size * size + spinner] & 0xFF).as("spinner blue").isBetween(65, 90);
        int between = TaskChecks.levelCameraPixel(size, 0, 0.4);
        assertThat(rgb[between] & 0xFF).as("sky").isLessThan(110);
    }
}
