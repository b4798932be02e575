package org.ssl4j.rl.env.control;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * A fixed camera looking squarely at a planar task's plane, as DeepMind Control's {@code fixed} cameras do:
 * perspective with a 45-degree vertical field of view (MuJoCo's default) from {@code distance}, centred on a point of
 * the plane. {@link #front} looks at a vertical plane over a sky gradient and a grid floor (cartpole);
 * {@link #above} looks down on the grid ground (reacher). Bodies in the plane are drawn with Java2D (antialiased
 * capsules, boxes and discs in world units of the plane, its second axis up the image); the JDK's rasteriser is used
 * rather than a hand-written one. One camera serves one environment at a time (it reuses its image).
 */
final class Camera {
    /** DeepMind Control's {@code self} material: the bodies an agent moves. */
    static final Color SELF = new Color(0.7f, 0.5f, 0.3f);
    /** The {@code decoration} material: rails and fixed parts. */
    static final Color DECORATION = new Color(0.3f, 0.5f, 0.7f);
    /** The {@code effector} material: the part that must reach something. */
    static final Color EFFECTOR = new Color(0.7f, 0.4f, 0.2f);
    /** The {@code target} material. */
    static final Color TARGET = new Color(0.6f, 0.3f, 0.3f);
    private static final double TAN_HALF_FOVY = Math.tan(Math.toRadians(22.5));

    private static final int GROUND = rgb(0.1, 0.2, 0.3);
    private static final int GRID = rgb(0.2, 0.3, 0.4);

    private final double distance;
    private final double centerX;
    private final double centerZ;
    private final double floorZ; // NaN when looking down on the ground
    private final double floorDepth;
    private BufferedImage image;
    private int[] background;

    private Camera(double distance, double centerX, double centerZ, double floorZ, double floorDepth) {
        this.distance = distance;
        this.centerX = centerX;
        this.centerZ = centerZ;
        this.floorZ = floorZ;
        this.floorDepth = floorDepth;
    }

    /**
     * A camera in front of a vertical x-z plane, at the height of {@code centerZ}.
     *
     * @param distance from the camera to the plane
     * @param centerX the plane's point at the image's centre, x
     * @param centerZ and z
     * @param floorZ the floor's height
     * @param floorDepth how far the floor reaches behind the plane
     */
    static Camera front(double distance, double centerX, double centerZ, double floorZ, double floorDepth) {
        return new Camera(distance, centerX, centerZ, floorZ, floorDepth);
    }

    /**
     * A camera {@code height} above the ground's x-y plane, looking down on {@code (centerX, centerY)} with y up the
     * image; the ground carries a grid line every {@code grid} units.
     */
    static Camera above(double height, double centerX, double centerY, double grid) {
        return new Camera(height, centerX, centerY, Double.NaN, grid);
    }

    /** Starts a frame: the background drawn, the returned graphics in world units of the plane. */
    Graphics2D begin(int width, int height) {
        if (image == null || image.getWidth() != width || image.getHeight() != height) {
            image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            background = background(width, height);
        }
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(background, 0, pixels, 0, pixels.length);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double scale = focal(height) / distance; // pixels per world unit in the plane
        AffineTransform world = new AffineTransform();
        world.translate(width / 2.0, height / 2.0);
        world.scale(scale, -scale);
        world.translate(-centerX, -centerZ);
        g.setTransform(world);
        return g;
    }

    private static double focal(int height) {
        return height / 2.0 / TAN_HALF_FOVY;
    }

    /** A capsule from {@code (x0, z0)} to {@code (x1, z1)}. */
    static void capsule(Graphics2D g, double x0, double z0, double x1, double z1, double radius, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke((float) (2 * radius), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x0, z0, x1, z1));
    }

    /** An axis-aligned box centred on {@code (x, z)}. */
    static void box(Graphics2D g, double x, double z, double halfX, double halfZ, Color color) {
        g.setColor(color);
        g.fill(new Rectangle2D.Double(x - halfX, z - halfZ, 2 * halfX, 2 * halfZ));
    }

    /** A disc centred on {@code (x, z)}. */
    static void disc(Graphics2D g, double x, double z, double radius, Color color) {
        g.setColor(color);
        g.fill(new Ellipse2D.Double(x - radius, z - radius, 2 * radius, 2 * radius));
    }

    /** Ends a frame: the image as three planes {@code (3, height, width)} of bytes into {@code rgb}. */
    void end(Graphics2D g, byte[] rgb, int offset) {
        g.dispose();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int plane = pixels.length;
        for (int i = 0; i < plane; i++) {
            int p = pixels[i];
            rgb[offset + i] = (byte) (p >> 16);
            rgb[offset + plane + i] = (byte) (p >> 8);
            rgb[offset + 2 * plane + i] = (byte) p;
        }
    }

    /**
     * Looking down: the ground, with its grid. In front: the sky (a vertical gradient from DeepMind Control's skybox
     * blue to black) and, below the horizon, the floor plane in perspective with a grid line every unit of depth.
     */
    private int[] background(int width, int height) {
        int[] out = new int[width * height];
        double f = focal(height);
        for (int y = 0; y < height; y++) {
            double v = height / 2.0 - y - 0.5; // pixels above the image's centre
            for (int x = 0; x < width; x++) {
                out[y * width + x] = Double.isNaN(floorZ) ? groundSeenFromAbove(x - width / 2.0 + 0.5, v, f)
                        : skyOrFloor(v, (double) y / height, f);
            }
        }
        return out;
    }

    private int groundSeenFromAbove(double u, double v, double f) {
        double grid = floorDepth;
        double gx = (centerX + u * distance / f) / grid;
        double gy = (centerZ + v * distance / f) / grid;
        double line = 0.5 * distance / f / grid; // half a pixel, in grid cells
        boolean onLine = Math.abs(gx - Math.rint(gx)) < line || Math.abs(gy - Math.rint(gy)) < line;
        return onLine ? GRID : GROUND;
    }

    private int skyOrFloor(double v, double t, double f) {
        double below = centerZ - floorZ; // the floor's drop below the camera
        double depth = v < 0 ? below * f / -v : Double.POSITIVE_INFINITY; // where this row meets the floor
        if (depth <= distance + floorDepth) {
            double grid = depth - Math.floor(depth);
            return grid < 0.04 * depth ? GRID : GROUND;
        }
        return rgb(0.4 * (1 - t), 0.6 * (1 - t), 0.8 * (1 - t));
    }

    private static int rgb(double r, double g, double b) {
        return ((int) Math.round(255 * r) << 16) | ((int) Math.round(255 * g) << 8) | (int) Math.round(255 * b);
    }
}
