package org.ssl4j.rl.env.control;

/**
 * The classical fourth-order Runge-Kutta step, MuJoCo's {@code RK4} integrator, for the control tasks' equations of
 * motion written as {@code ds/dt = f(s)} on a state of positions and velocities. Hand-written: four evaluations
 * and a weighted sum do not warrant an ODE library.
 */
final class Rk4 {
    /** The time derivative of a state. */
    interface Derivative {
        /** Writes {@code ds/dt} at {@code s} into {@code out}. */
        void at(double[] s, double[] out);
    }

    private final double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;
    private final double[] tmp;

    Rk4(int size) {
        k1 = new double[size];
        k2 = new double[size];
        k3 = new double[size];
        k4 = new double[size];
        tmp = new double[size];
    }

    /** Advances {@code s} in place by {@code dt}. */
    void step(double[] s, double dt, Derivative f) {
        int n = s.length;
        f.at(s, k1);
        for (int i = 0; i < n; i++) {
            tmp[i] = s[i] + 0.5 * dt * k1[i];
        }
        f.at(tmp, k2);
        for (int i = 0; i < n; i++) {
            tmp[i] = s[i] + 0.5 * dt * k2[i];
        }
        f.at(tmp, k3);
        for (int i = 0; i < n; i++) {
            tmp[i] = s[i] + dt * k3[i];
        }
        f.at(tmp, k4);
        for (int i = 0; i < n; i++) {
            s[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    }
}
