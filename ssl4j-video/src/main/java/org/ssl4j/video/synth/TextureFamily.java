package org.ssl4j.video.synth;

import java.util.SplittableRandom;

/**
 * The ten background families of {@link MotionDigits}: the "scene" that a scene-biased training split correlates with
 * the motion class. Each family is a kind of texture; a video draws its own period, phase, orientation and contrast
 * within the family. All stay in [0.05, 0.5], darker than the digits' ink.
 */
public enum TextureFamily {
    /** Horizontal stripes. */
    HORIZONTAL_STRIPES,
    /** Vertical stripes. */
    VERTICAL_STRIPES,
    /** Stripes at 45 degrees. */
    DIAGONAL_STRIPES,
    /** A checkerboard. */
    CHECKERBOARD,
    /** A grid of soft dots. */
    DOTS,
    /** Smooth value noise (clouds). */
    CLOUDS,
    /** Fine per-pixel grain. */
    GRAIN,
    /** Concentric rings around a random centre. */
    RINGS,
    /** A brick wall: offset rows of rectangles with mortar lines. */
    BRICKS,
    /** A brightness ramp at a random angle. */
    RAMP;

    /**
     * Renders a background.
     *
     * @param width columns
     * @param height rows
     * @param random this video's draws (period, phase, orientation, contrast)
     * @return row-major grey levels
     */
    public float[] render(int width, int height, SplittableRandom random) {
        double period = (6 + 6 * random.nextDouble()) * Math.max(width, height) / 64.0;
        double phase = random.nextDouble() * period;
        double contrast = 0.12 + 0.1 * random.nextDouble();
        double base = 0.15 + 0.1 * random.nextDouble();
        double angle = random.nextDouble() * 2 * Math.PI;
        double cx = width * random.nextDouble();
        double cy = height * random.nextDouble();
        float[][] lattice = new float[(int) (height / period) + 3][(int) (width / period) + 3];
        for (float[] row : lattice) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextDouble();
            }
        }
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = switch (this) {
                    case HORIZONTAL_STRIPES -> wave((y + phase) / period);
                    case VERTICAL_STRIPES -> wave((x + phase) / period);
                    case DIAGONAL_STRIPES -> wave((x + y + phase) / (period * Math.sqrt(2)));
                    case CHECKERBOARD -> (Math.floorMod((int) Math.floor((x + phase) / period)
                            + (int) Math.floor((y + phase) / period), 2));
                    case DOTS -> dot((x + phase) / period, (y + phase) / period);
                    case CLOUDS -> clouds(lattice, x / period, y / period);
                    case GRAIN -> random.nextDouble();
                    case RINGS -> wave(Math.hypot(x - cx, y - cy) / period);
                    case BRICKS -> brick((x + phase) / (2 * period), (y + phase) / period);
                    case RAMP -> 0.5 + 0.5 * ((x - width / 2.0) * Math.cos(angle) + (y - height / 2.0) * Math.sin(angle))
                            / (0.5 * Math.hypot(width, height));
                };
                out[y * width + x] = (float) Math.min(0.5, Math.max(0.05, base + contrast * (2 * v - 1)));
            }
        }
        return out;
    }

    private static double wave(double t) {
        return 0.5 + 0.5 * Math.sin(2 * Math.PI * t);
    }

    private static double dot(double u, double v) {
        double du = u - Math.floor(u) - 0.5;
        double dv = v - Math.floor(v) - 0.5;
        return Math.exp(-(du * du + dv * dv) / 0.03);
    }

    private static double brick(double u, double v) {
        int row = (int) Math.floor(v);
        double shifted = u + (row % 2 == 0 ? 0 : 0.5);
        double fu = shifted - Math.floor(shifted);
        double fv = v - Math.floor(v);
        return fu < 0.08 || fv < 0.15 ? 0 : 1;
    }

    private static double clouds(float[][] lattice, double u, double v) {
        int gu = (int) u;
        int gv = (int) v;
        double tu = u - gu;
        double tv = v - gv;
        tu = tu * tu * (3 - 2 * tu);
        tv = tv * tv * (3 - 2 * tv);
        return (1 - tv) * ((1 - tu) * lattice[gv][gu] + tu * lattice[gv][gu + 1])
                + tv * ((1 - tu) * lattice[gv + 1][gu] + tu * lattice[gv + 1][gu + 1]);
    }
}
