package org.ssl4j.rl.env.control;

import java.awt.Graphics2D;
import java.util.SplittableRandom;

/**
 * DeepMind Control's {@code reacher-easy}: a two-link planar arm must put its fingertip on a target drawn anew each
 * episode. The model is the suite's {@code reacher.xml}: links of 0.12 m (the arm) and 0.1 m (the hand) as capsules
 * of radius 0.01 at water's density, a fingertip sphere of radius 0.01 at 0.12 m along the hand, hinge damping 0.01,
 * motors of gear 0.05 on the shoulder and the wrist, the wrist limited to +-160 degrees ({@link SoftLimit}), contacts
 * off, 0.02 s steps of MuJoCo's Euler integrator (velocities first, damping implicit), 1,000 steps per episode. Each
 * episode starts with the shoulder uniform in a turn, the wrist uniform in its range, at rest, and the target at a
 * uniform angle and a radius uniform in [0.05, 0.2] m. The reward is 1 while the fingertip touches the target (their
 * centres closer than the radii's sum, 0.05 + 0.01), else 0. Observations: both joint angles, the vector from the
 * fingertip to the target, both joint velocities. The camera looks down from 0.75 m.
 */
public final class ReacherEasy extends ControlTask {
    static final double TIMESTEP = 0.02;
    static final double ARM = 0.12;
    static final double HAND = 0.1;
    static final double FINGER = 0.12;
    static final double LINK_RADIUS = 0.01;
    static final double TARGET_RADIUS = 0.05;
    private static final double GEAR = 0.05;
    private static final double DAMPING = 0.01;
    private static final SoftLimit WRIST = new SoftLimit(Math.toRadians(-160), Math.toRadians(160));
    /** The arm's inertia about the shoulder. */
    static final double ARM_INERTIA = Capsules.inertiaAboutEnd(Capsules.mass(ARM, LINK_RADIUS), ARM, LINK_RADIUS);
    private static final double FINGER_MASS = Capsules.DENSITY * 4.0 / 3 * Math.PI * Math.pow(LINK_RADIUS, 3);
    /** The hand's and fingertip's mass, first moment and inertia about the wrist. */
    static final double HAND_MASS = Capsules.mass(HAND, LINK_RADIUS) + FINGER_MASS;
    static final double HAND_MOMENT = Capsules.mass(HAND, LINK_RADIUS) * HAND / 2 + FINGER_MASS * FINGER;
    static final double HAND_INERTIA = Capsules.inertiaAboutEnd(Capsules.mass(HAND, LINK_RADIUS), HAND, LINK_RADIUS)
            + FINGER_MASS * (0.4 * LINK_RADIUS * LINK_RADIUS + FINGER * FINGER);

    private final double[] q = new double[2]; // shoulder, wrist
    private final double[] v = new double[2];
    private final double[] target = new double[2];
    private final Camera camera = Camera.above(0.75, 0, 0, 0.1);

    /** A reacher-easy with the suite's 1,000 steps per episode. */
    public ReacherEasy() {
        super("reacher-easy", 2, 6, 1000);
    }

    @Override
    protected void initializeEpisode(SplittableRandom random) {
        q[0] = random.nextDouble(-Math.PI, Math.PI);
        q[1] = random.nextDouble(WRIST.lower(), WRIST.upper());
        v[0] = 0;
        v[1] = 0;
        double angle = random.nextDouble(0, 2 * Math.PI);
        double radius = random.nextDouble(0.05, 0.2);
        target[0] = radius * Math.sin(angle);
        target[1] = radius * Math.cos(angle);
    }

    /** Sets the state by hand (tests, demonstrations). */
    void setState(double shoulder, double wrist, double shoulderVelocity, double wristVelocity, double targetX,
            double targetY) {
        q[0] = shoulder;
        q[1] = wrist;
        v[0] = shoulderVelocity;
        v[1] = wristVelocity;
        target[0] = targetX;
        target[1] = targetY;
    }

    /** The joints' angles and velocities, {@code (q1, q2, v1, v2)}. */
    double[] physicsState() {
        return new double[] {q[0], q[1], v[0], v[1]};
    }

    /** The fingertip's position in the plane. */
    double[] fingertip() {
        return new double[] {ARM * Math.cos(q[0]) + FINGER * Math.cos(q[0] + q[1]),
            ARM * Math.sin(q[0]) + FINGER * Math.sin(q[0] + q[1])};
    }

    /**
     * One Euler step of the two-link arm: {@code (M(q) + dt B) dv = dt (tau - c(q, v) - B v + limit)}, then
     * {@code q += dt v}, with the mass matrix {@code M11 = I1 + I2 + m2 L1^2 + 2 s2 L1 cos q2},
     * {@code M12 = I2 + s2 L1 cos q2}, {@code M22 = I2} ({@code s2} the hand's first moment about the wrist) and
     * the velocity-product terms {@code c1 = -h (2 v1 v2 + v2^2)}, {@code c2 = h v1^2}, {@code h = s2 L1 sin q2}.
     */
    @Override
    protected void advance(double[] control) {
        double cos = Math.cos(q[1]);
        double h = HAND_MOMENT * ARM * Math.sin(q[1]);
        double m11 = ARM_INERTIA + HAND_INERTIA + HAND_MASS * ARM * ARM + 2 * HAND_MOMENT * ARM * cos;
        double m12 = HAND_INERTIA + HAND_MOMENT * ARM * cos;
        double m22 = HAND_INERTIA;
        double f1 = GEAR * control[0] + h * (2 * v[0] * v[1] + v[1] * v[1]) - DAMPING * v[0];
        double f2 = GEAR * control[1] - h * v[0] * v[0] - DAMPING * v[1];
        double a11 = m11 + TIMESTEP * DAMPING;
        double a22 = m22 + TIMESTEP * DAMPING;
        double det = a11 * a22 - m12 * m12;
        double limit = WRIST.force(q[1], v[1], (a11 * f2 - m12 * f1) / det, a11 / det);
        f2 += limit;
        double dv1 = TIMESTEP * (a22 * f1 - m12 * f2) / det;
        double dv2 = TIMESTEP * (a11 * f2 - m12 * f1) / det;
        v[0] += dv1;
        v[1] += dv2;
        q[0] += TIMESTEP * v[0];
        q[1] += TIMESTEP * v[1];
    }

    @Override
    protected double reward(double[] control) {
        double[] tip = fingertip();
        double distance = Math.hypot(target[0] - tip[0], target[1] - tip[1]);
        return Tolerance.of(distance, 0, TARGET_RADIUS + LINK_RADIUS, 0);
    }

    @Override
    protected float[] state() {
        double[] tip = fingertip();
        return new float[] {(float) q[0], (float) q[1], (float) (target[0] - tip[0]), (float) (target[1] - tip[1]),
            (float) v[0], (float) v[1]};
    }

    @Override
    public void render(int width, int height, byte[] rgb, int offset) {
        Graphics2D g = camera.begin(width, height);
        Camera.disc(g, target[0], target[1], TARGET_RADIUS, Camera.TARGET);
        double elbowX = ARM * Math.cos(q[0]);
        double elbowY = ARM * Math.sin(q[0]);
        double cx = Math.cos(q[0] + q[1]);
        double cy = Math.sin(q[0] + q[1]);
        Camera.capsule(g, 0, 0, elbowX, elbowY, LINK_RADIUS, Camera.SELF);
        Camera.capsule(g, elbowX, elbowY, elbowX + HAND * cx, elbowY + HAND * cy, LINK_RADIUS, Camera.SELF);
        Camera.disc(g, elbowX + FINGER * cx, elbowY + FINGER * cy, LINK_RADIUS, Camera.EFFECTOR);
        Camera.disc(g, 0, 0, 0.011, Camera.DECORATION);
        camera.end(g, rgb, offset);
    }
}
