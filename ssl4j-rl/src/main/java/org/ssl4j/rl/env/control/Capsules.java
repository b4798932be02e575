package org.ssl4j.rl.env.control;

/**
 * Mass properties of a capsule (a cylinder with two hemispherical caps) of uniform density, as MuJoCo derives them
 * from a {@code capsule} geom with a mass: the mass is shared by volume between the cylinder and the caps.
 */
final class Capsules {
    private Capsules() {}

    /** MuJoCo's default density, water's, for geoms given no mass. */
    static final double DENSITY = 1000;

    /** The mass of a capsule of {@link #DENSITY}: a cylinder of {@code length} and two hemispheres. */
    static double mass(double length, double radius) {
        return DENSITY * (Math.PI * radius * radius * length + 4.0 / 3 * Math.PI * radius * radius * radius);
    }

    /**
     * The moment of inertia about an axis through one end of the capsule's segment, perpendicular to it.
     *
     * @param mass the capsule's mass
     * @param length the segment's length (the cylinder's height)
     * @param radius the radius
     */
    static double inertiaAboutEnd(double mass, double length, double radius) {
        return inertiaAboutCentre(mass, length, radius) + mass * (length / 2) * (length / 2);
    }

    /**
     * The moment of inertia about an axis through the capsule's centre, perpendicular to its segment.
     *
     * @param mass the capsule's mass
     * @param length the segment's length (the cylinder's height)
     * @param radius the radius
     */
    static double inertiaAboutCentre(double mass, double length, double radius) {
        double cylinderVolume = Math.PI * radius * radius * length;
        double sphereVolume = 4.0 / 3 * Math.PI * radius * radius * radius;
        double cylinder = mass * cylinderVolume / (cylinderVolume + sphereVolume);
        double caps = mass - cylinder;
        double aboutCentre = cylinder * (3 * radius * radius + length * length) / 12;
        // Each cap: a hemisphere's inertia about its own centre of mass plus its offset from the segment's centre.
        double capCentre = length / 2 + 3 * radius / 8;
        double hemisphere = caps / 2;
        double own = hemisphere * (2.0 / 5 - 9.0 / 64) * radius * radius; // about its centre of mass, perpendicular
        return aboutCentre + 2 * (own + hemisphere * capCentre * capCentre);
    }
}
