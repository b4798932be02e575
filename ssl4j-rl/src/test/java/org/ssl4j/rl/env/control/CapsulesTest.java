package org.ssl4j.rl.env.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A capsule's mass and inertia against a numerical integration over its volume. */
class CapsulesTest {
    /** {@code {volume, integral of (x^2 + y^2) dV}} about the z axis through one end of a segment along x. */
    private static double[] integrate(double length, double radius) {
        int cells = 40;
        double h = 2 * radius / cells;
        double volume = 0;
        double second = 0;
        for (double x = -radius + h / 2; x < length + radius; x += h) {
            double along = Math.max(0, Math.min(length, x)); // the nearest point of the segment
            for (int j = 0; j < cells; j++) {
                double y = -radius + (j + 0.5) * h;
                for (int k = 0; k < cells; k++) {
                    double z = -radius + (k + 0.5) * h;
                    double dx = x - along;
                    if (dx * dx + y * y + z * z <= radius * radius) {
                        volume += h * h * h;
                        second += (x * x + y * y) * h * h * h;
                    }
                }
            }
        }
        return new double[] {volume, second};
    }

    @Test
    void massAndInertiaMatchTheIntegralOverTheVolume() {
        for (double[] shape : new double[][] {{0.12, 0.01}, {1, 0.045}, {0.1, 0.05}}) {
            double[] integral = integrate(shape[0], shape[1]);
            double mass = Capsules.mass(shape[0], shape[1]);
            assertThat(mass).isCloseTo(Capsules.DENSITY * integral[0], within(0.01 * mass));
            double inertia = Capsules.inertiaAboutEnd(mass, shape[0], shape[1]);
            assertThat(inertia).isCloseTo(Capsules.DENSITY * integral[1] * mass / (Capsules.DENSITY * integral[0]),
                    within(0.005 * inertia));
        }
    }
}
