package org.ssl4j.rl.env.control;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.SplittableRandom;
import org.dyn4j.dynamics.Body;
import org.dyn4j.dynamics.joint.DistanceJoint;
import org.dyn4j.geometry.Mass;
import org.dyn4j.geometry.MassType;
import org.dyn4j.geometry.Rectangle;
import org.dyn4j.geometry.Vector2;
import org.dyn4j.world.World;

/**
 * DeepMind Control's {@code ball_in_cup-catch}: a cup moved in its plane by two motors swings a ball tied to it by a
 * string and must catch it; the reward is 1 while the ball is inside the cup, else 0. The model is the suite's
 * {@code ball_in_cup.xml}: the cup is five capsules of radius 8 mm (its walls and a two-segment bottom, 10 cm wide, 10
 * cm deep) on two slide joints from its rest point 0.6 m up, each with stiffness 20 N/m, damping 3 N s/m and a motor
 * of gear 5; the ball a sphere of radius 2.5 cm on two slide joints; the string a length limit of 0.3 m from the
 * ball's centre to a point 10.8 cm below the cup's rim; masses from water's density; gravity; a ground plane; 0.002 s
 * physics steps, 0.02 s control steps, 1,000 per episode. The contacts, the string and the integration are dyn4j's
 * ({@link PlanarWorld}); the joints' damping is applied implicitly as MuJoCo's Euler integrator does. Each episode puts
 * the ball at rest at a uniform x in [-0.2, 0.2] and a height 0.2 + [0.2, 0.5] m, drawn again while it overlaps the
 * cup (it may start inside). Observations, as the suite's: the four joint positions (cup x, z, ball x, z, from their
 * rest points) and velocities.
 *
 * <p>The pixels: the suite's camera {@code cam0} is 1 m in front of the plane and 0.8 m up, looking down at (0, 0.3)
 * at 27 degrees; here it looks level at that point from the same distance (no foreshortening).
 */
public final class BallInCupCatch extends ControlTask {
    static final double TIMESTEP = 0.002;
    static final int SUBSTEPS = 10;
    static final double GRAVITY = 9.81;
    static final double CUP_REST_Z = 0.6;
    static final double BALL_REST_Z = 0.2;
    static final double WALL_RADIUS = 0.008;
    static final double BALL_RADIUS = 0.025;
    static final double STRING = 0.3;
    /** The string's end on the cup, below the cup's frame. */
    static final double STRING_END_Z = -0.108;
    /** The target box's centre below the cup's frame, and its half-size in x and z. */
    static final double TARGET_Z = -0.05;
    static final double TARGET_HALF = 0.05;
    private static final double GEAR = 5;
    private static final double STIFFNESS = 20;
    private static final double DAMPING = 3;
    /** The cup's five capsules, {@code (x0, z0, x1, z1)} in its frame. */
    private static final double[][] CUP = {{-0.05, 0, -0.05, -0.075}, {-0.05, -0.075, -0.025, -0.1},
        {-0.025, -0.1, 0.025, -0.1}, {0.025, -0.1, 0.05, -0.075}, {0.05, -0.075, 0.05, 0}};
    static final Mass CUP_MASS = cupMass();
    static final double BALL_MASS = Capsules.DENSITY * 4.0 / 3 * Math.PI * Math.pow(BALL_RADIUS, 3);
    private static final Color STRING_COLOR = new Color(0.5f, 0.5f, 0.5f);

    private final Camera camera = Camera.front(Math.hypot(1, 0.5), 0, 0.3, 0, 0.2);
    private World<Body> world;
    private Body cup;
    private Body ball;

    /** A ball_in_cup-catch with the suite's 1,000 steps per episode. */
    public BallInCupCatch() {
        super("ball_in_cup-catch", 2, 8, 1000);
        build();
    }

    private static Mass cupMass() {
        PlanarWorld.MassSum sum = new PlanarWorld.MassSum();
        for (double[] part : CUP) {
            sum.capsule(part[0], part[1], part[2], part[3], WALL_RADIUS);
        }
        return sum.toMass();
    }

    /** A fresh world (no contact or joint state carried over from an earlier episode), everything at rest. */
    private void build() {
        world = PlanarWorld.create(TIMESTEP, GRAVITY);
        Body ground = new Body();
        ground.addFixture(new Rectangle(20, 1)).setFriction(PlanarWorld.FRICTION);
        ground.translate(0, -0.5);
        ground.setMass(MassType.INFINITE);
        world.addBody(ground);
        cup = PlanarWorld.body(CUP_MASS, MassType.FIXED_ANGULAR_VELOCITY);
        for (double[] part : CUP) {
            PlanarWorld.capsule(cup, part[0], part[1], part[2], part[3], WALL_RADIUS);
        }
        cup.translate(0, CUP_REST_Z);
        world.addBody(cup);
        ball = PlanarWorld.body(new Mass(new Vector2(), BALL_MASS, 0), MassType.FIXED_ANGULAR_VELOCITY);
        PlanarWorld.disc(ball, 0, 0, BALL_RADIUS);
        ball.translate(0, BALL_REST_Z);
        world.addBody(ball);
        DistanceJoint<Body> string = new DistanceJoint<>(cup, ball, new Vector2(0, CUP_REST_Z + STRING_END_Z),
                new Vector2(0, BALL_REST_Z));
        string.setSpringEnabled(false);
        string.setLimitsEnabled(0, STRING);
        string.setCollisionAllowed(true);
        world.addJoint(string);
    }

    @Override
    protected void initializeEpisode(SplittableRandom random) {
        build();
        do {
            double x = random.nextDouble(-0.2, 0.2);
            double z = random.nextDouble(0.2, 0.5);
            PlanarWorld.place(ball, x, BALL_REST_Z + z, 0);
        } while (PlanarWorld.overlapping(ball, cup));
    }

    /** Sets the state by hand (tests, demonstrations): the four joints' positions and velocities. */
    void setState(double cupX, double cupZ, double ballX, double ballZ, double cupVx, double cupVz, double ballVx,
            double ballVz) {
        build();
        PlanarWorld.place(cup, cupX, CUP_REST_Z + cupZ, 0);
        PlanarWorld.place(ball, ballX, BALL_REST_Z + ballZ, 0);
        cup.setLinearVelocity(cupVx, cupVz);
        ball.setLinearVelocity(ballVx, ballVz);
    }

    /** The joints' positions and velocities, {@code (cup x, cup z, ball x, ball z)} then their velocities. */
    double[] physicsState() {
        Vector2 c = cup.getTransform().getTranslation();
        Vector2 b = ball.getTransform().getTranslation();
        Vector2 cv = cup.getLinearVelocity();
        Vector2 bv = ball.getLinearVelocity();
        return new double[] {c.x, c.y - CUP_REST_Z, b.x, b.y - BALL_REST_Z, cv.x, cv.y, bv.x, bv.y};
    }

    /** The string's span now: from the ball's centre to its end on the cup. */
    double stringSpan() {
        return PlanarWorld.world(cup, 0, STRING_END_Z).distance(ball.getTransform().getTranslation());
    }

    @Override
    protected void advance(double[] control) {
        double implicitDamping = 1 / (1 + TIMESTEP * DAMPING / CUP_MASS.getMass());
        for (int i = 0; i < SUBSTEPS; i++) {
            Vector2 position = cup.getTransform().getTranslation();
            Vector2 velocity = cup.getLinearVelocity();
            cup.setLinearVelocity(velocity.x * implicitDamping, velocity.y * implicitDamping);
            cup.applyForce(new Vector2(GEAR * control[0] - STIFFNESS * position.x,
                    GEAR * control[1] - STIFFNESS * (position.y - CUP_REST_Z)));
            world.step(1);
        }
    }

    /** 1 while the ball is inside the target box (the cup's inside, 10 cm square, less the ball's radius), else 0. */
    @Override
    protected double reward(double[] control) {
        Vector2 target = PlanarWorld.world(cup, 0, TARGET_Z);
        Vector2 b = ball.getTransform().getTranslation();
        double inside = TARGET_HALF - BALL_RADIUS;
        return Math.abs(target.x - b.x) < inside && Math.abs(target.y - b.y) < inside ? 1 : 0;
    }

    @Override
    protected float[] state() {
        double[] s = physicsState();
        float[] out = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (float) s[i];
        }
        return out;
    }

    @Override
    public void render(int width, int height, byte[] rgb, int offset) {
        Graphics2D g = camera.begin(width, height);
        Vector2 c = cup.getTransform().getTranslation();
        Vector2 b = ball.getTransform().getTranslation();
        Camera.capsule(g, c.x, c.y + STRING_END_Z, b.x, b.y, 0.0015, STRING_COLOR);
        for (double[] part : CUP) {
            Camera.capsule(g, c.x + part[0], c.y + part[1], c.x + part[2], c.y + part[3], WALL_RADIUS, Camera.SELF);
        }
        Camera.disc(g, b.x, b.y, BALL_RADIUS, Camera.EFFECTOR);
        camera.end(g, rgb, offset);
    }
}
