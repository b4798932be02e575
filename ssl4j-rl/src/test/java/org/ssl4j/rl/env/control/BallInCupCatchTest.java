package org.ssl4j.rl.env.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Ball-in-cup's reward at hand-set states, its free fall, string and springs, seeding and rendering. */
class BallInCupCatchTest {
    private static final float[] IDLE = {0, 0};

    /** The ball's height (from its rest point) that puts its centre at the target's centre of a cup at rest. */
    private static final double IN_CUP = BallInCupCatch.CUP_REST_Z + BallInCupCatch.TARGET_Z
            - BallInCupCatch.BALL_REST_Z;

    @Test
    void rewardIsOneWhileTheBallIsInTheCup() {
        BallInCupCatch env = new BallInCupCatch();
        env.reset();
        env.setState(0, 0, 0, IN_CUP, 0, 0, 0, 0);
        assertThat(env.reward(new double[] {0, 0})).isEqualTo(1);
        for (int t = 0; t < 50; t++) { // it drops onto the cup's bottom and stays
            assertThat(env.step(IDLE).reward()).as("step %d", t).isEqualTo(1);
        }
        env.setState(0, 0, 0.024, IN_CUP, 0, 0, 0, 0); // 2.4 cm off the centre: inside by 1 mm
        assertThat(env.reward(new double[] {0, 0})).isEqualTo(1);
        env.setState(0, 0, 0.026, IN_CUP, 0, 0, 0, 0); // 1 mm beyond
        assertThat(env.reward(new double[] {0, 0})).isEqualTo(0);
        env.setState(0, 0, 0, IN_CUP + 0.026, 0, 0, 0, 0); // above the rim's band
        assertThat(env.reward(new double[] {0, 0})).isEqualTo(0);
        env.setState(0, 0, 0.15, 0.1, 0, 0, 0, 0); // hanging beside and below
        assertThat(env.step(IDLE).reward()).isEqualTo(0);
    }

    /** On a slack string the ball falls freely: {@code g t^2 / 2} after 0.2 s, to the integrator's first order. */
    @Test
    void aBallOnASlackStringFallsFreely() {
        BallInCupCatch env = new BallInCupCatch();
        env.reset();
        env.setState(0, 0, 0.15, 0.25, 0, 0, 0, 0);
        assertThat(env.stringSpan()).isLessThan(0.2);
        for (int t = 0; t < 10; t++) {
            env.step(IDLE);
        }
        double drop = 0.25 - env.physicsState()[3];
        double t = 10 * BallInCupCatch.SUBSTEPS * BallInCupCatch.TIMESTEP;
        assertThat(drop).isCloseTo(BallInCupCatch.GRAVITY * t * t / 2, within(0.02 * drop));
        assertThat(env.physicsState()[2]).isCloseTo(0.15, within(1e-12));
        assertThat(env.physicsState()[6]).isCloseTo(0, within(1e-12));
    }

    /** Flung about by the cup, the ball never gets further than the string's 0.3 m, and the string does go taut. */
    @Test
    void theStringHoldsTheBall() {
        BallInCupCatch env = new BallInCupCatch();
        env.reset();
        env.setState(0, 0, 0.1, 0.1, 0, 0, 0, 0);
        SplittableRandom random = new SplittableRandom(2);
        double longest = 0;
        for (int t = 0; t < 400; t++) {
            float sign = t / 25 % 2 == 0 ? 1 : -1;
            env.step(new float[] {sign, (float) random.nextDouble(-1, 1)});
            longest = Math.max(longest, env.stringSpan());
        }
        assertThat(longest).isBetween(BallInCupCatch.STRING - 0.01, BallInCupCatch.STRING + 0.003);
    }

    /**
     * Under a constant control the cup settles where its springs balance the motors and the weight it carries: x at
     * {@code 5 u / 20}, z at {@code (5 u - (m_cup + m_ball) g) / 20}, whatever the ball swinging below it does.
     */
    @Test
    void theCupSettlesWhereItsSpringsBalanceTheMotors() {
        BallInCupCatch env = new BallInCupCatch();
        env.reset();
        env.setState(0, 0, 0, -0.008, 0, 0, 0, 0); // hanging straight below, string taut
        for (int t = 0; t < 500; t++) {
            env.step(new float[] {0.6f, 0.4f});
        }
        double weight = (BallInCupCatch.CUP_MASS.getMass() + BallInCupCatch.BALL_MASS) * BallInCupCatch.GRAVITY;
        double[] s = env.physicsState();
        assertThat(s[0]).isCloseTo(5 * 0.6 / 20, within(0.005));
        assertThat(s[1]).isCloseTo((5 * 0.4 - weight) / 20, within(0.005));
        assertThat(BallInCupCatch.CUP_MASS.getMass()).isCloseTo(0.0651, within(0.0005));
    }

    @Test
    void episodesAreRepeatableBySeedAndDrawTheSuitesInitialStates() {
        TaskChecks.assertRepeatableBySeed(BallInCupCatch::new, start -> {
            assertThat(start[2]).isBetween(-0.2f, 0.2f);
            assertThat(start[3]).isBetween(0.2f, 0.5f);
            assertThat(start[0]).isZero();
            assertThat(start[4]).isZero();
        });
    }

    @Test
    void theRenderingShowsTheCupAndTheBall() {
        int size = 100;
        BallInCupCatch env = new BallInCupCatch();
        env.reset();
        env.setState(0, 0, -0.15, 0.1, 0, 0, 0, 0);
        byte[] rgb = new byte[3 * size * size];
        env.render(size, size, rgb, 0);
        int ball = TaskChecks.levelCameraPixel(size, -0.15, 0.3);
        assertThat(rgb[ball] & 0xFF).as("ball red").isBetween(165, 190);
        assertThat(rgb[2 * size * size + ball] & 0xFF).as("ball blue").isBetween(40, 65);
        int bottom = TaskChecks.levelCameraPixel(size, 0, 0.5);
        assertThat(rgb[bottom] & 0xFF).as("cup's bottom red").isGreaterThan(150);
        int inside = TaskChecks.levelCameraPixel(size, 0, 0.56);
        assertThat(rgb[inside] & 0xFF).as("sky inside the cup").isLessThan(110);
    }
}
