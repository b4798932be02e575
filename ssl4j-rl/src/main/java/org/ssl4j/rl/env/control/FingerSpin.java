package org.ssl4j.rl.env.control;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.SplittableRandom;
import org.dyn4j.dynamics.Body;
import org.dyn4j.dynamics.BodyFixture;
import org.dyn4j.dynamics.contact.SolvedContact;
import org.dyn4j.dynamics.joint.RevoluteJoint;
import org.dyn4j.geometry.Mass;
import org.dyn4j.geometry.MassType;
import org.dyn4j.geometry.Vector2;
import org.dyn4j.world.ContactCollisionData;
import org.dyn4j.world.World;
import org.dyn4j.world.listener.ContactListenerAdapter;
import org.ssl4j.core.Ssl4jException;

/**
 * DeepMind Control's {@code finger-spin}: a two-link planar finger must flick a free-turning body (the spinner) so
 * that it spins; the reward is 1 while the spinner turns clockwise (as the camera sees it) faster than 15 rad/s, else
 * 0. The model is the suite's {@code finger.xml}, gravity off: the finger's proximal link (a capsule of 0.17 m, radius
 * 3 cm) hinged at (-0.2, 0.4), the distal link 0.18 m further (a capsule of 0.16 m, radius 2.8 cm, which touches
 * nothing, ending in a fingertip capsule of radius 3 cm that does), both joints limited to +-110 degrees with damping
 * 2.5 N m s and motors of gear 30 and 15; the spinner two capsules of radius 4 cm and 0.18 m side by side, hinged at
 * (0.2, 0.4) with dry friction 0.1 N m and (the spin task's) damping 0.03 N m s; masses from water's density; 0.02 s
 * control steps, 1,000 per episode. Each episode draws both finger joints uniformly in their range and the spinner's
 * angle in a full turn, at rest, again while the finger overlaps the spinner.
 *
 * <p>Contacts, joint limits and the joints' friction and damping (a motor held at speed 0, its torque limit the
 * friction plus damping times speed) are dyn4j's ({@link PlanarWorld}); the suite's physics step is 0.01 s, here
 * 0.002 s. Observations, as the suite's: the
 * finger's two joint angles, the spinner tip's position (13 cm up the spinner's axis) from its hinge, the three joint
 * velocities, and the two touch sensors (log1p of the normal contact force on the fingertip's upper and lower side,
 * within the suite's touch sites). The camera is {@link BallInCupCatch}'s.
 */
public final class FingerSpin extends ControlTask {
    static final double TIMESTEP = 0.002;
    static final int SUBSTEPS = 10;
    static final double HINGE_X = -0.2;
    static final double SPINNER_X = 0.2;
    static final double AXIS_Z = 0.4;
    static final double PROXIMAL_LENGTH = 0.17;
    static final double DISTAL_OFFSET = 0.18;
    static final double DISTAL_LENGTH = 0.16;
    static final double TIP_FROM = 0.13;
    static final double TIP_TO = 0.161;
    static final double LINK_RADIUS = 0.03;
    static final double DISTAL_RADIUS = 0.028;
    static final double SPINNER_RADIUS = 0.04;
    static final double SPINNER_HALF = 0.09;
    static final double SPINNER_OFFSET = 0.02;
    static final double TIP_SITE = 0.13;
    static final double SPIN_VELOCITY = 15;
    static final double RANGE = Math.toRadians(110);
    private static final double PROXIMAL_GEAR = 30;
    private static final double DISTAL_GEAR = 15;
    private static final double JOINT_DAMPING = 2.5;
    private static final double SPINNER_DAMPING = 0.03;
    private static final double SPINNER_FRICTION = 0.1;
    private static final double DECORATION_RADIUS = 0.034;
    private static final double SPINNER_DECORATION_RADIUS = 0.02;
    private static final double TOUCH_X = 0.01;
    private static final double TOUCH_Z = -0.17;
    private static final double TOUCH_RADIUS = 0.025;
    static final Mass PROXIMAL_MASS = new PlanarWorld.MassSum().capsule(0, 0, 0, -PROXIMAL_LENGTH, LINK_RADIUS)
            .add(cylinder(DECORATION_RADIUS, 0.066), 0, 0,
                    cylinder(DECORATION_RADIUS, 0.066) * DECORATION_RADIUS * DECORATION_RADIUS / 2).toMass();
    static final Mass DISTAL_MASS = new PlanarWorld.MassSum().capsule(0, 0, 0, -DISTAL_LENGTH, DISTAL_RADIUS)
            .capsule(0, -TIP_FROM, 0, -TIP_TO, LINK_RADIUS).toMass();
    static final Mass SPINNER_MASS = new PlanarWorld.MassSum()
            .capsule(SPINNER_OFFSET, -SPINNER_HALF, SPINNER_OFFSET, SPINNER_HALF, SPINNER_RADIUS)
            .capsule(-SPINNER_OFFSET, -SPINNER_HALF, -SPINNER_OFFSET, SPINNER_HALF, SPINNER_RADIUS)
            .add(cylinder(SPINNER_DECORATION_RADIUS, 0.09), 0, 0, cylinder(SPINNER_DECORATION_RADIUS, 0.09)
                    * SPINNER_DECORATION_RADIUS * SPINNER_DECORATION_RADIUS / 2).toMass();

    private final Camera camera = Camera.front(Math.hypot(1, 0.5), 0, 0.3, 0, 0.2);
    private final double[] touch = new double[2];
    private World<Body> world;
    private RevoluteJoint<Body> shoulder;
    private RevoluteJoint<Body> knuckle;
    private RevoluteJoint<Body> hinge;
    private Body proximal;
    private Body distal;
    private Body spinner;
    private BodyFixture fingertip;

    /** A finger-spin with the suite's 1,000 steps per episode. */
    public FingerSpin() {
        super("finger-spin", 2, 9, 1000);
        build();
    }

    private static double cylinder(double radius, double length) {
        return Capsules.DENSITY * Math.PI * radius * radius * length;
    }

    /**
     * A fresh world with the finger straight out towards the spinner (both joint angles 0, where dyn4j's joint
     * angles are 0 too, so that the limits sit symmetrically about them) and everything at rest.
     */
    private void build() {
        world = PlanarWorld.create(TIMESTEP, 0);
        Body base = new Body();
        base.setMass(MassType.INFINITE);
        world.addBody(base);
        proximal = PlanarWorld.body(PROXIMAL_MASS, MassType.NORMAL);
        PlanarWorld.capsule(proximal, 0, 0, 0, -PROXIMAL_LENGTH, LINK_RADIUS);
        distal = PlanarWorld.body(DISTAL_MASS, MassType.NORMAL);
        fingertip = PlanarWorld.capsule(distal, 0, -TIP_FROM, 0, -TIP_TO, LINK_RADIUS);
        spinner = PlanarWorld.body(SPINNER_MASS, MassType.NORMAL);
        PlanarWorld.capsule(spinner, SPINNER_OFFSET, -SPINNER_HALF, SPINNER_OFFSET, SPINNER_HALF, SPINNER_RADIUS);
        PlanarWorld.capsule(spinner, -SPINNER_OFFSET, -SPINNER_HALF, -SPINNER_OFFSET, SPINNER_HALF, SPINNER_RADIUS);
        pose(0, 0, 0);
        world.addBody(proximal);
        world.addBody(distal);
        world.addBody(spinner);
        shoulder = brakedJoint(base, proximal, new Vector2(HINGE_X, AXIS_Z));
        shoulder.setLimitsEnabled(-RANGE, RANGE);
        knuckle = brakedJoint(proximal, distal, PlanarWorld.world(proximal, 0, -DISTAL_OFFSET));
        knuckle.setLimitsEnabled(-RANGE, RANGE);
        hinge = brakedJoint(base, spinner, new Vector2(SPINNER_X, AXIS_Z));
        world.addContactListener(new ContactListenerAdapter<>() {
            @Override
            public void postSolve(ContactCollisionData<Body> collision, SolvedContact contact) {
                if (collision.getFixture1() == fingertip || collision.getFixture2() == fingertip) {
                    sense(contact);
                }
            }
        });
    }

    /**
     * A hinge whose motor, held at speed 0, is the joint's friction and damping: its torque limit, set each physics
     * step, is the torque that MuJoCo's friction loss and damping would apply. Solved with the contacts and limits at
     * the velocity level, this damping is implicit (it can stop the joint, never reverse it), where damping torques
     * added explicitly would blow up for the light distal link at any affordable step.
     */
    private RevoluteJoint<Body> brakedJoint(Body parent, Body child, Vector2 anchor) {
        RevoluteJoint<Body> joint = new RevoluteJoint<>(parent, child, anchor);
        joint.setMotorEnabled(true);
        joint.setMotorSpeed(0);
        joint.setMaximumMotorTorqueEnabled(true);
        joint.setMaximumMotorTorque(0);
        world.addJoint(joint);
        return joint;
    }

    /**
     * Places the bodies at rest: the finger's joint angles as the suite's ({@code 0} points the proximal link at the
     * spinner; the suite's {@code ref} of -90 degrees is the link hanging down) and the spinner's angle.
     */
    private void pose(double q1, double q2, double spin) {
        double proximalAngle = q1 + Math.PI / 2; // the links are built hanging down, along -z
        PlanarWorld.place(proximal, HINGE_X, AXIS_Z, proximalAngle);
        Vector2 knuckle = PlanarWorld.world(proximal, 0, -DISTAL_OFFSET);
        PlanarWorld.place(distal, knuckle.x, knuckle.y, proximalAngle + q2);
        PlanarWorld.place(spinner, SPINNER_X, AXIS_Z, spin);
    }

    @Override
    protected void initializeEpisode(SplittableRandom random) {
        build();
        for (int attempt = 0; ; attempt++) {
            Ssl4jException.check(attempt < 1000, "%s: no overlap-free initial state in 1000 draws", name());
            pose(random.nextDouble(-RANGE, RANGE), random.nextDouble(-RANGE, RANGE),
                    random.nextDouble(-Math.PI, Math.PI));
            if (!PlanarWorld.overlapping(proximal, spinner) && !PlanarWorld.overlapping(distal, spinner)) {
                break;
            }
        }
        touch[0] = 0;
        touch[1] = 0;
    }

    /** Sets the state by hand (tests, demonstrations): joint angles and velocities. */
    void setState(double q1, double q2, double spin, double v1, double v2, double spinVelocity) {
        build();
        pose(q1, q2, spin);
        proximal.setAngularVelocity(v1);
        distal.setAngularVelocity(v1 + v2);
        spinner.setAngularVelocity(spinVelocity);
    }

    /** The joints' angles and velocities: {@code (q1, q2, spinner, v1, v2, spinner's)}. */
    double[] physicsState() {
        double p = proximal.getTransform().getRotationAngle();
        double d = distal.getTransform().getRotationAngle();
        double w = proximal.getAngularVelocity();
        return new double[] {angle(p - Math.PI / 2), angle(d - p), spinner.getTransform().getRotationAngle(), w,
            distal.getAngularVelocity() - w, spinner.getAngularVelocity()};
    }

    /** The finger's kinetic energy: both links' translation of their centres of mass and rotation about them. */
    double fingerKineticEnergy() {
        double energy = 0;
        for (Body link : new Body[] {proximal, distal}) {
            double w = link.getAngularVelocity();
            energy += 0.5 * (link.getMass().getMass() * link.getLinearVelocity().getMagnitudeSquared()
                    + link.getMass().getInertia() * w * w);
        }
        return energy;
    }

    private static double angle(double radians) {
        return Math.IEEEremainder(radians, 2 * Math.PI);
    }

    /** Adds a fingertip contact's normal force to the touch sensor whose site holds the contact point. */
    private void sense(SolvedContact contact) {
        Vector2 local = distal.getTransform().getInverseTransformed(contact.getPoint());
        for (int side = 0; side < 2; side++) {
            double dx = local.x - (side == 0 ? TOUCH_X : -TOUCH_X);
            double dz = local.y - TOUCH_Z;
            if (dx * dx + dz * dz <= TOUCH_RADIUS * TOUCH_RADIUS) {
                touch[side] += contact.getNormalImpulse() / TIMESTEP;
            }
        }
    }

    @Override
    protected void advance(double[] control) {
        for (int i = 0; i < SUBSTEPS; i++) {
            touch[0] = 0;
            touch[1] = 0;
            double w1 = proximal.getAngularVelocity();
            double w2 = distal.getAngularVelocity() - w1;
            shoulder.setMaximumMotorTorque(JOINT_DAMPING * Math.abs(w1));
            knuckle.setMaximumMotorTorque(JOINT_DAMPING * Math.abs(w2));
            hinge.setMaximumMotorTorque(SPINNER_FRICTION + SPINNER_DAMPING * Math.abs(spinner.getAngularVelocity()));
            proximal.applyTorque(PROXIMAL_GEAR * control[0] - DISTAL_GEAR * control[1]);
            distal.applyTorque(DISTAL_GEAR * control[1]);
            world.step(1);
        }
    }

    /** 1 while the spinner turns clockwise faster than 15 rad/s, else 0. */
    @Override
    protected double reward(double[] control) {
        return spinner.getAngularVelocity() <= -SPIN_VELOCITY ? 1 : 0;
    }

    @Override
    protected float[] state() {
        double[] s = physicsState();
        double spin = s[2];
        return new float[] {(float) s[0], (float) s[1], (float) (-TIP_SITE * Math.sin(spin)),
            (float) (TIP_SITE * Math.cos(spin)), (float) s[3], (float) s[4], (float) s[5],
            (float) Math.log1p(touch[0]), (float) Math.log1p(touch[1])};
    }

    @Override
    public void render(int width, int height, byte[] rgb, int offset) {
        Graphics2D g = camera.begin(width, height);
        for (double side : new double[] {SPINNER_OFFSET, -SPINNER_OFFSET}) {
            Vector2 a = PlanarWorld.world(spinner, side, -SPINNER_HALF);
            Vector2 b = PlanarWorld.world(spinner, side, SPINNER_HALF);
            Camera.capsule(g, a.x, a.y, b.x, b.y, SPINNER_RADIUS, Camera.SELF);
        }
        Camera.disc(g, SPINNER_X, AXIS_Z, SPINNER_DECORATION_RADIUS, Camera.DECORATION);
        Camera.disc(g, HINGE_X, AXIS_Z, DECORATION_RADIUS, Camera.DECORATION);
        link(g, proximal, 0, PROXIMAL_LENGTH, LINK_RADIUS, Camera.SELF);
        link(g, distal, 0, DISTAL_LENGTH, DISTAL_RADIUS, Camera.SELF);
        link(g, distal, TIP_FROM, TIP_TO, LINK_RADIUS, Camera.EFFECTOR);
        camera.end(g, rgb, offset);
    }

    private static void link(Graphics2D g, Body body, double from, double to, double radius, Color color) {
        Vector2 a = PlanarWorld.world(body, 0, -from);
        Vector2 b = PlanarWorld.world(body, 0, -to);
        Camera.capsule(g, a.x, a.y, b.x, b.y, radius, color);
    }
}
