package org.ssl4j.rl.env.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.rl.env.TimeStep;

/** The cartpole's reward at hand-set states, its physics against conservation laws and the small-swing period. */
class CartpoleSwingupTest {
    private static double rewardAt(double x, double theta, double thetaDot, double control) {
        CartpoleSwingup env = new CartpoleSwingup();
        env.setState(x, theta, 0, thetaDot);
        return env.reward(new double[] {control});
    }

    @Test
    void rewardIsOneUprightAndStillAndZeroHangingDown() {
        assertThat(rewardAt(0, 0, 0, 0)).isCloseTo(1, within(1e-12));
        assertThat(rewardAt(0, Math.PI, 0, 0)).isCloseTo(0, within(1e-12));
        assertThat(rewardAt(0, Math.PI / 2, 0, 0)).isCloseTo(0.5, within(1e-12));
        // Each factor at its margin (tolerance 0.1): centred (1 + 0.1) / 2, small_velocity likewise, full control 4/5.
        assertThat(rewardAt(2, 0, 0, 0)).isCloseTo(0.55, within(1e-12));
        assertThat(rewardAt(0, 0, 5, 0)).isCloseTo(0.55, within(1e-12));
        assertThat(rewardAt(0, 0, 0, 1)).isCloseTo(0.8, within(1e-12));
    }

    /** Energy, and the horizontal momentum (no horizontal force but the tiny damping), at every step of 3 s. */
    @Test
    void aFreeSwingKeepsItsEnergyAndMomentum() {
        CartpoleSwingup env = new CartpoleSwingup();
        env.reset();
        env.setState(0, 2.0, 0.3, 0);
        double[] start = conserved(env.physicsState());
        double furthest = 2.0;
        for (int t = 0; t < 300; t++) {
            env.step(new float[] {0});
            double[] now = conserved(env.physicsState());
            assertThat(now[0]).as("energy at step %d", t).isCloseTo(start[0], within(1e-3));
            assertThat(now[1]).as("momentum at step %d", t).isCloseTo(start[1], within(1e-3));
            furthest = Math.max(furthest, env.physicsState()[1]);
        }
        assertThat(furthest).as("the pole has swung through hanging down").isGreaterThan(Math.PI);
    }

    private static double[] conserved(double[] s) {
        double total = CartpoleSwingup.CART_MASS + CartpoleSwingup.POLE_MASS;
        double ml = CartpoleSwingup.POLE_MASS * CartpoleSwingup.POLE_COM;
        double cos = Math.cos(s[1]);
        double energy = 0.5 * total * s[2] * s[2] + ml * cos * s[2] * s[3]
                + 0.5 * CartpoleSwingup.POLE_INERTIA * s[3] * s[3] + ml * CartpoleSwingup.GRAVITY * cos;
        double momentum = total * s[2] + ml * cos * s[3];
        return new double[] {energy, momentum};
    }

    /** Linearised about hanging down, with the cart free: w^2 = m g l / (I - (m l)^2 / M). */
    @Test
    void smallSwingsHaveTheLinearisedPeriod() {
        double total = CartpoleSwingup.CART_MASS + CartpoleSwingup.POLE_MASS;
        double ml = CartpoleSwingup.POLE_MASS * CartpoleSwingup.POLE_COM;
        double omega = Math.sqrt(ml * CartpoleSwingup.GRAVITY / (CartpoleSwingup.POLE_INERTIA - ml * ml / total));
        CartpoleSwingup env = new CartpoleSwingup();
        env.reset();
        env.setState(0, Math.PI + 0.02, 0, 0);
        double previous = 0.02;
        double firstCrossing = -1;
        double lastCrossing = -1;
        int crossings = 0;
        for (int t = 1; t <= 800; t++) {
            env.step(new float[] {0});
            double phi = env.physicsState()[1] - Math.PI;
            if (previous > 0 && phi <= 0 || previous < 0 && phi >= 0) {
                double at = (t - 1 + previous / (previous - phi)) * CartpoleSwingup.TIMESTEP;
                firstCrossing = firstCrossing < 0 ? at : firstCrossing;
                lastCrossing = at;
                crossings++;
            }
            previous = phi;
        }
        double period = 2 * (lastCrossing - firstCrossing) / (crossings - 1);
        assertThat(period).isCloseTo(2 * Math.PI / omega, within(0.002 * 2 * Math.PI / omega));
        // The suite's pole: the capsule's inertia about its end is close to a thin rod's m L^2 / 3.
        assertThat(CartpoleSwingup.POLE_INERTIA).isCloseTo(0.1 / 3, within(0.002));
    }

    /**
     * Full force to the right for 3 s: the rail's end stops the cart, and holds it. The cart meets the limit at about
     * sqrt(2 (10 / 1.1) 1.8) = 5.7 m/s; a critically damped stop with time constant 0.08 s runs past by at most
     * v tau / e = 0.17 m (the soft limit's give, as in MuJoCo).
     */
    @Test
    void theRailsEndStopsTheCart() {
        CartpoleSwingup env = new CartpoleSwingup();
        env.reset();
        double furthest = 0;
        for (int t = 0; t < 300; t++) {
            env.step(new float[] {1});
            furthest = Math.max(furthest, env.physicsState()[0]);
        }
        assertThat(furthest).isBetween(1.8, 1.8 + 5.7 * 0.08 / Math.E + 0.01);
        assertThat(env.physicsState()[0]).isCloseTo(1.8, within(0.05));
    }

    @Test
    void episodesStartHangingAndAreRepeatableBySeed() {
        CartpoleSwingup a = new CartpoleSwingup();
        CartpoleSwingup b = new CartpoleSwingup();
        a.seed(7);
        b.seed(7);
        TimeStep first = a.reset();
        assertThat(first.state()[1]).as("cos of the pole angle").isCloseTo(-1f, within(1e-3f));
        assertThat(b.reset().state()).containsExactly(first.state());
        int steps = 0;
        TimeStep sa;
        TimeStep sb;
        do {
            float[] action = {(float) Math.sin(steps * 0.1)};
            sa = a.step(action);
            sb = b.step(action);
            assertThat(sb.state()).containsExactly(sa.state());
            assertThat(sa.reward()).isBetween(0.0, 1.0);
            steps++;
        } while (!sa.last());
        assertThat(steps).isEqualTo(1000);
        assertThatThrownBy(() -> a.step(new float[] {0})).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("the episode has ended");
        a.seed(8);
        assertThat(a.reset().state()).isNotEqualTo(first.state());
    }

    @Test
    void wrongActionsAreOneLineErrors() {
        CartpoleSwingup env = new CartpoleSwingup();
        assertThatThrownBy(() -> env.step(new float[] {0}))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("reset() must start an episode");
        env.reset();
        assertThatThrownBy(() -> env.step(new float[] {0, 1})).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("cartpole-swingup takes actions of 1 values, got 2");
        assertThatThrownBy(() -> env.step(new float[] {Float.NaN})).isInstanceOf(Ssl4jException.class)
                .hasMessageContaining("action 0 is NaN");
    }

    /** The camera: 4 m in front, 45 degrees of view, so 1 m of the plane is (H / 2) / tan(22.5 deg) / 4 pixels. */
    @Test
    void theRenderingShowsThePoleWhereItIs() {
        int size = 100;
        double scale = size / 2.0 / Math.tan(Math.toRadians(22.5)) / 4;
        CartpoleSwingup env = new CartpoleSwingup();
        byte[] up = new byte[3 * size * size];
        byte[] down = new byte[3 * size * size];
        env.setState(0, 0, 0, 0);
        env.render(size, size, up, 0);
        env.setState(0, Math.PI, 0, 0);
        env.render(size, size, down, 0);
        int above = pixel(size, 0, 1.6, scale);
        int below = pixel(size, 0, 0.4, scale);
        assertThat(red(up, above)).as("pole above the cart when upright").isGreaterThan(100);
        assertThat(red(down, above)).as("sky above the cart when hanging").isLessThan(100);
        assertThat(red(down, below)).as("pole below the cart when hanging").isGreaterThan(100);
        assertThat(red(up, below)).as("no pole below when upright").isLessThan(100);
        int cart = pixel(size, 0.15, 1, scale);
        assertThat(red(up, cart)).as("the cart").isGreaterThan(150);
        env.setState(1, 0, 0, 0); // the cart moved 1 m right
        env.render(size, size, up, 0);
        assertThat(red(up, pixel(size, 1.15, 1, scale))).isGreaterThan(150);
        assertThat(red(up, cart)).isLessThan(150);
    }

    private static int pixel(int size, double x, double z, double scale) {
        int col = (int) Math.floor(size / 2.0 + x * scale);
        int row = (int) Math.floor(size / 2.0 - (z - 1) * scale);
        return row * size + col;
    }

    private static int red(byte[] rgb, int index) {
        return rgb[index] & 0xFF;
    }
}
