package org.ssl4j.rl.env.control;

/**
 * A joint's range as MuJoCo's soft limit constraint, for one joint of a small articulated system: outside
 * {@code [lower, upper]} the constraint's force makes the joint's acceleration {@code d a_ref + (1 - d) a0}, where
 * {@code a0} is the acceleration without it and {@code a_ref = -b v - k r} the constraint's reference dynamics
 * (MuJoCo's defaults: solref time constant 0.08 s and damping ratio 1, so {@code b = 2 / (d 0.08)} and
 * {@code k = 1 / (d 0.08)^2}; impedance {@code d = 0.95}, solimp's upper end), and it only ever pushes back into
 * the range. An approximation of MuJoCo's solver, exact for one active limit at a time.
 *
 * @param lower the range's lower end
 * @param upper its upper end
 */
record SoftLimit(double lower, double upper) {
    private static final double IMPEDANCE = 0.95;
    private static final double STIFFNESS = 1 / (IMPEDANCE * IMPEDANCE * 0.08 * 0.08);
    private static final double DAMPING = 2 / (IMPEDANCE * 0.08);

    /**
     * The limit's generalised force on the joint, zero inside the range.
     *
     * @param q the joint's position
     * @param v its velocity
     * @param a0 its acceleration under every other force
     * @param inverseInertia the joint's diagonal entry of the inverse mass matrix (how much a unit force on it
     *     accelerates it)
     */
    double force(double q, double v, double a0, double inverseInertia) {
        double over = q > upper ? q - upper : q < lower ? q - lower : 0;
        if (over == 0) {
            return 0;
        }
        double reference = -DAMPING * v - STIFFNESS * over;
        double push = IMPEDANCE * (reference - a0) / inverseInertia;
        return over > 0 ? Math.min(0, push) : Math.max(0, push);
    }
}
