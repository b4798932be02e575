package org.ssl4j.rl.env.control;

import org.dyn4j.collision.narrowphase.Gjk;
import org.dyn4j.dynamics.Body;
import org.dyn4j.dynamics.BodyFixture;
import org.dyn4j.geometry.Capsule;
import org.dyn4j.geometry.Circle;
import org.dyn4j.geometry.Convex;
import org.dyn4j.geometry.Mass;
import org.dyn4j.geometry.MassType;
import org.dyn4j.geometry.Vector2;
import org.dyn4j.world.World;

/**
 * The rigid-body side of the pixel control tasks whose bodies touch (ball_in_cup, finger): a dyn4j world in the task's
 * plane (x right, the suite's z up) and the MuJoCo conventions carried over to it. dyn4j, a maintained 2D engine,
 * does what MuJoCo does for these models in 3D and what would be a physics engine to write by hand: contacts with
 * friction between capsules and discs, a string's length limit, joint limits and dry joint friction. The bodies'
 * masses are MuJoCo's (geoms of water's density, {@link Capsules}), set explicitly rather than from dyn4j's 2D areas.
 * Contacts are dyn4j's (rigid, sequential impulses with position correction) where MuJoCo's are soft; a world is
 * deterministic: the same calls give the same states.
 */
final class PlanarWorld {
    /** MuJoCo's default sliding friction coefficient. */
    static final double FRICTION = 1;

    private PlanarWorld() {}

    /**
     * A world stepping {@code timestep} seconds at a time, bodies never put to sleep, contact slop and position
     * corrections scaled to centimetre-sized bodies (dyn4j's defaults suit metre-sized ones).
     */
    static World<Body> create(double timestep, double gravity) {
        World<Body> world = new World<>();
        world.setGravity(0, -gravity);
        world.getSettings().setStepFrequency(timestep); // dyn4j's "frequency" is the step's period in seconds
        world.getSettings().setAtRestDetectionEnabled(false);
        world.getSettings().setLinearTolerance(0.0005);
        world.getSettings().setMaximumLinearCorrection(0.02);
        world.getSettings().setVelocityConstraintSolverIterations(20);
        world.getSettings().setPositionConstraintSolverIterations(20);
        return world;
    }

    /** A body with (a copy of) the given mass properties, in the body's frame. */
    static Body body(Mass mass, MassType type) {
        Body body = new Body();
        body.setMass(new Mass(mass));
        body.setMassType(type);
        return body;
    }

    /** Adds to {@code body} a capsule from {@code (x0, z0)} to {@code (x1, z1)} in its frame, MuJoCo's friction. */
    static BodyFixture capsule(Body body, double x0, double z0, double x1, double z1, double radius) {
        double length = Math.hypot(x1 - x0, z1 - z0);
        Capsule capsule = new Capsule(length + 2 * radius, 2 * radius);
        capsule.rotate(Math.atan2(z1 - z0, x1 - x0));
        capsule.translate((x0 + x1) / 2, (z0 + z1) / 2);
        return fixture(body, capsule);
    }

    /** Adds to {@code body} a disc centred on {@code (x, z)} in its frame, with MuJoCo's friction. */
    static BodyFixture disc(Body body, double x, double z, double radius) {
        Circle circle = new Circle(radius);
        circle.translate(x, z);
        return fixture(body, circle);
    }

    private static BodyFixture fixture(Body body, Convex shape) {
        BodyFixture fixture = body.addFixture(shape);
        fixture.setFriction(FRICTION);
        fixture.setRestitution(0);
        return fixture;
    }

    /** Whether any fixture of {@code a} overlaps any fixture of {@code b} where they stand now. */
    static boolean overlapping(Body a, Body b) {
        Gjk gjk = new Gjk();
        for (BodyFixture fa : a.getFixtures()) {
            for (BodyFixture fb : b.getFixtures()) {
                if (gjk.detect(fa.getShape(), a.getTransform(), fb.getShape(), b.getTransform())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Places {@code body} with its frame's origin at {@code (x, z)}, turned by {@code angle}, at rest. */
    static void place(Body body, double x, double z, double angle) {
        body.getTransform().setRotation(angle);
        body.getTransform().setTranslation(x, z);
        body.setLinearVelocity(0, 0);
        body.setAngularVelocity(0);
    }

    /** A point of {@code body}'s frame, in the world. */
    static Vector2 world(Body body, double x, double z) {
        return body.getTransform().getTransformed(new Vector2(x, z));
    }

    /**
     * Mass properties summed over parts, each a mass at a point of the body's frame with its own moment of inertia
     * about that point (perpendicular to the plane): MuJoCo's body inertia from its geoms, restricted to the plane.
     */
    static final class MassSum {
        private double mass;
        private double firstX;
        private double firstZ;
        private double secondAboutOrigin;

        /** Adds a part. */
        MassSum add(double partMass, double x, double z, double inertiaAboutItsCentre) {
            mass += partMass;
            firstX += partMass * x;
            firstZ += partMass * z;
            secondAboutOrigin += inertiaAboutItsCentre + partMass * (x * x + z * z);
            return this;
        }

        /** Adds a capsule geom of water's density from {@code (x0, z0)} to {@code (x1, z1)}. */
        MassSum capsule(double x0, double z0, double x1, double z1, double radius) {
            double length = Math.hypot(x1 - x0, z1 - z0);
            double m = Capsules.mass(length, radius);
            return add(m, (x0 + x1) / 2, (z0 + z1) / 2, Capsules.inertiaAboutCentre(m, length, radius));
        }

        /** The total, as dyn4j's mass: centre of mass and the moment of inertia about it. */
        Mass toMass() {
            double cx = firstX / mass;
            double cz = firstZ / mass;
            return new Mass(new Vector2(cx, cz), mass, secondAboutOrigin - mass * (cx * cx + cz * cz));
        }
    }
}
