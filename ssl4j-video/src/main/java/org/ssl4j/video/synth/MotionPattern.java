package org.ssl4j.video.synth;

/**
 * The ten motions of {@link MotionDigits}, one per class: how a digit's pose changes over a clip. A pose is the
 * digit's centre relative to the canvas centre (in canvas widths), its scale and its rotation; {@code u} runs from 0
 * at the first frame to 1 at the last. Each video varies its pattern by an extent factor and a start angle, so that
 * the class is the kind of motion, not one trajectory.
 */
public enum MotionPattern {
    /** Translates right to left. */
    LEFT("Left"),
    /** Translates left to right. */
    RIGHT("Right"),
    /** Translates bottom to top. */
    UP("Up"),
    /** Translates top to bottom. */
    DOWN("Down"),
    /** Translates from the top-left to the bottom-right. */
    DIAGONAL("Diagonal"),
    /** Circles clockwise on the screen. */
    CLOCKWISE("Clockwise"),
    /** Circles anticlockwise on the screen. */
    ANTICLOCKWISE("Anticlockwise"),
    /** Grows in place. */
    ZOOM_IN("ZoomIn"),
    /** Shrinks in place. */
    ZOOM_OUT("ZoomOut"),
    /** Rotates in place, one turn per clip. */
    SPIN("Spin");

    private static final double REACH = 0.25; // canvas widths from the centre at full extent

    private final String className;

    MotionPattern(String className) {
        this.className = className;
    }

    /** The class name used in file and folder names ({@code ZoomIn}, as UCF101 writes {@code ApplyEyeMakeup}). */
    public String className() {
        return className;
    }

    /**
     * A digit's pose.
     *
     * @param x centre offset to the right, in canvas widths
     * @param y centre offset downwards, in canvas widths
     * @param scale size relative to the base size
     * @param angle rotation in radians, clockwise on the screen
     */
    public record Pose(double x, double y, double scale, double angle) {}

    /**
     * The pose at clip phase {@code u}.
     *
     * @param u 0 at the first frame, 1 at the last
     * @param extent how far this video's motion goes, around 1
     * @param phase this video's start angle for the circles, radians
     */
    public Pose pose(double u, double extent, double phase) {
        double s = REACH * extent * (2 * u - 1); // -reach .. +reach
        return switch (this) {
            case LEFT -> new Pose(-s, 0, 1, 0);
            case RIGHT -> new Pose(s, 0, 1, 0);
            case UP -> new Pose(0, -s, 1, 0);
            case DOWN -> new Pose(0, s, 1, 0);
            case DIAGONAL -> new Pose(0.7 * s, 0.7 * s, 1, 0);
            case CLOCKWISE -> circle(phase + 2 * Math.PI * u, extent);
            case ANTICLOCKWISE -> circle(phase - 2 * Math.PI * u, extent);
            case ZOOM_IN -> new Pose(0, 0, Math.pow(2.5, extent * (u - 0.5)), 0);
            case ZOOM_OUT -> new Pose(0, 0, Math.pow(2.5, extent * (0.5 - u)), 0);
            case SPIN -> new Pose(0, 0, 1, 2 * Math.PI * u + phase);
        };
    }

    /** On a circle; with y pointing down, a growing angle turns clockwise on the screen. */
    private static Pose circle(double angle, double extent) {
        double r = REACH * extent;
        return new Pose(r * Math.cos(angle), r * Math.sin(angle), 1, 0);
    }
}
