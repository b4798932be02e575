package org.ssl4j.rl.env.control;

import java.awt.Graphics2D;
import java.util.SplittableRandom;

/**
 * DeepMind Control's {@code cartpole-swingup}: a cart on a rail with an unactuated pole hinged at its centre; the pole
 * starts hanging down and must be swung up and balanced. The model is the suite's {@code cartpole.xml} (cart 1 kg;
 * pole a capsule of 1 m, radius 0.045 m, 0.1 kg; motor gear 10 on the cart, control in [-1, 1]; joint damping 5e-4
 * on the slider and 2e-6 on the hinge; slider limited to +-1.8 m; contacts off; 0.01 s RK4 steps; 1,000 steps per
 * episode), here as its two equations of motion (Lagrangian of the cart and the rigid pole). The reward is the
 * suite's smooth one: {@code upright * centred * small_control * small_velocity}, with {@code upright = (cos + 1) / 2}.
 * Observations: the cart's position, the pole angle's cosine and sine, and both velocities.
 *
 * <p>The slider's limit is a {@link SoftLimit}; it only acts when the cart leaves the rail's range, which a swinging
 * policy rarely does.
 */
public final class CartpoleSwingup extends ControlTask {
    static final double TIMESTEP = 0.01;
    static final double CART_MASS = 1;
    static final double POLE_MASS = 0.1;
    static final double POLE_LENGTH = 1;
    static final double POLE_RADIUS = 0.045;
    static final double GEAR = 10;
    static final double GRAVITY = 9.81;
    private static final double SLIDER_DAMPING = 5e-4;
    private static final double HINGE_DAMPING = 2e-6;
    private static final SoftLimit SLIDER_RANGE = new SoftLimit(-1.8, 1.8);
    /** The pole's centre of mass, from the hinge. */
    static final double POLE_COM = POLE_LENGTH / 2;
    /** The pole's moment of inertia about the hinge. */
    static final double POLE_INERTIA = Capsules.inertiaAboutEnd(POLE_MASS, POLE_LENGTH, POLE_RADIUS);

    private final double[] s = new double[4]; // x, theta (0 upright), x', theta'
    private final Rk4 rk4 = new Rk4(4);
    private final Camera camera = Camera.front(4, 0, 1, -0.05, 4);
    private double force;

    /** A cartpole-swingup with the suite's 1,000 steps per episode. */
    public CartpoleSwingup() {
        super("cartpole-swingup", 1, 5, 1000);
    }

    @Override
    protected void initializeEpisode(SplittableRandom random) {
        s[0] = 0.01 * random.nextGaussian();
        s[1] = Math.PI + 0.01 * random.nextGaussian();
        s[2] = 0.01 * random.nextGaussian();
        s[3] = 0.01 * random.nextGaussian();
    }

    /** Sets the state by hand (tests, demonstrations): positions and velocities. */
    void setState(double x, double theta, double xDot, double thetaDot) {
        s[0] = x;
        s[1] = theta;
        s[2] = xDot;
        s[3] = thetaDot;
    }

    /** The state {@code (x, theta, x', theta')}, a copy. */
    double[] physicsState() {
        return s.clone();
    }

    @Override
    protected void advance(double[] control) {
        force = GEAR * control[0];
        rk4.step(s, TIMESTEP, this::derivative);
    }

    /**
     * The equations of motion: with {@code M} the total mass, {@code m l} the pole's mass times its centre's distance
     * and {@code I} its inertia about the hinge,
     * {@code M x'' + m l cos(th) th'' = F - b_x x' + m l sin(th) th'^2} and
     * {@code m l cos(th) x'' + I th'' = m g l sin(th) - b_th th'}.
     */
    private void derivative(double[] q, double[] out) {
        double total = CART_MASS + POLE_MASS;
        double ml = POLE_MASS * POLE_COM;
        double cos = Math.cos(q[1]);
        double sin = Math.sin(q[1]);
        double rhsX = force - SLIDER_DAMPING * q[2] + ml * sin * q[3] * q[3];
        double rhsTheta = ml * GRAVITY * sin - HINGE_DAMPING * q[3];
        double m12 = ml * cos;
        double det = total * POLE_INERTIA - m12 * m12;
        double ax = (rhsX * POLE_INERTIA - m12 * rhsTheta) / det;
        double limit = SLIDER_RANGE.force(q[0], q[2], ax, POLE_INERTIA / det);
        out[0] = q[2];
        out[1] = q[3];
        out[2] = ax + POLE_INERTIA / det * limit;
        out[3] = (total * rhsTheta - m12 * rhsX) / det - m12 / det * limit;
    }

    @Override
    protected double reward(double[] control) {
        double upright = (Math.cos(s[1]) + 1) / 2;
        double centred = (1 + Tolerance.of(s[0], 0, 0, 2)) / 2;
        double smallControl = (4 + Tolerance.of(control[0], 0, 0, 1, Tolerance.Sigmoid.QUADRATIC, 0)) / 5;
        double smallVelocity = (1 + Tolerance.of(s[3], 0, 0, 5)) / 2;
        return upright * smallControl * smallVelocity * centred;
    }

    @Override
    protected float[] state() {
        return new float[] {(float) s[0], (float) Math.cos(s[1]), (float) Math.sin(s[1]), (float) s[2], (float) s[3]};
    }

    /** The suite's {@code fixed} camera: 4 m in front of the rail's centre at its height. */
    @Override
    public void render(int width, int height, byte[] rgb, int offset) {
        Graphics2D g = camera.begin(width, height);
        Camera.capsule(g, -2, 1, 2, 1, 0.02, Camera.DECORATION);
        Camera.box(g, s[0], 1, 0.2, 0.1, Camera.SELF);
        Camera.capsule(g, s[0], 1, s[0] + POLE_LENGTH * Math.sin(s[1]), 1 + POLE_LENGTH * Math.cos(s[1]), POLE_RADIUS,
                Camera.SELF.darker());
        camera.end(g, rgb, offset);
    }
}
