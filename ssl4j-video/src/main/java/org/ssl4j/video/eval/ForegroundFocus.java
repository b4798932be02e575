package org.ssl4j.video.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.tensor.Tensors;
import org.ssl4j.core.train.AtomicFiles;
import org.ssl4j.video.augment.ClipAugmentation;
import org.ssl4j.video.data.VideoFolder;
import org.ssl4j.video.io.ClipSampler;
import org.ssl4j.video.io.VideoDecoder;
import org.ssl4j.video.synth.MotionDigits;

/**
 * How much of a video encoder's response falls on the moving foreground, the claim MoDist makes for its
 * representation (Xiao et al. 2021: it "focuses more on foreground motion regions"), measured against foreground
 * masks. A clip's saliency is the channel norm of the encoder's last feature map, averaged over its time steps and
 * upsampled bilinearly to the frame; its focus is the share of that mass inside the region the foreground covers
 * during the clip (the union of its frames' masks). A saliency spread evenly would score that region's area, which
 * is reported beside it.
 *
 * <p>The masks are those MotionDigits writes beside each video ({@code <video>.mask.png}, one mask per video frame).
 * Overlays (frame, heat map, mask outline) of the first videos are written as PNG files for a look.
 */
public final class ForegroundFocus {
    /** PNG overlays are drawn at this many pixels per frame pixel. */
    private static final int ZOOM = 4;

    /**
     * The mean focus over every clip of every video, and the mean foreground area over the same clips.
     *
     * @param focus the share of saliency inside the clips' foreground regions, in [0, 1]
     * @param area the share of the frame the regions cover, the focus of a uniform saliency
     * @param clips the clips measured
     */
    public record Result(double focus, double area, int clips) {}

    private final ClipSampler sampler;
    private final int size;

    /**
     * @param sampler where the clips are taken in each video (the evaluation's uniformly spread clips)
     * @param size side of the square frames the encoder reads
     */
    public ForegroundFocus(ClipSampler sampler, int size) {
        this.sampler = sampler;
        this.size = size;
    }

    /**
     * Measures {@code encoder} on every video of {@code videos}, writing overlays of the first {@code overlays}
     * videos into {@code overlayDir} (none when it is null or {@code overlays} is 0).
     */
    public Result measure(Backbone encoder, VideoFolder videos, NDManager manager, Path overlayDir, int overlays,
            PrintStream log) throws IOException {
        double focus = 0;
        double area = 0;
        int clips = 0;
        int frames = sampler.frames();
        int plane = size * size;
        ParameterStore store = new ParameterStore(manager, false);
        for (int v = 0; v < videos.size(); v++) {
            Path file = videos.paths().get(v);
            Masks masks = Masks.beside(file, size);
            float[] input = new float[sampler.clipsPerVideo() * 3 * frames * plane];
            float[][] clipMasks = new float[sampler.clipsPerVideo()][];
            float[] middleFrame = null;
            float[] middleMask = null;
            try (VideoDecoder decoder = VideoDecoder.open(file, size, size, 1)) {
                double fps = decoder.info().framesPerSecond();
                double[][] times = sampler.clipTimes(decoder.info().seconds(), null);
                for (int c = 0; c < times.length; c++) {
                    float[][] pictures = decoder.framesAt(times[c]); // (T) x (3, S, S)
                    for (int ch = 0; ch < 3; ch++) {
                        for (int t = 0; t < frames; t++) {
                            System.arraycopy(pictures[t], ch * plane, input, ((c * 3 + ch) * frames + t) * plane,
                                    plane);
                        }
                    }
                    clipMasks[c] = masks.union(times[c], fps);
                    if (c == 0) {
                        middleFrame = pictures[frames / 2];
                        middleMask = masks.union(new double[] {times[c][frames / 2]}, fps);
                    }
                }
            }
            float[][] saliency;
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = Tensors.fromHeap(scope, input, Tensors.batchShape(sampler.clipsPerVideo(),
                        new int[] {3, frames, size, size}));
                saliency = upsampled(encoder.denseFeatures(store, x, false)); // from (clips, C, t, h, w)
            }
            for (int c = 0; c < saliency.length; c++) {
                focus += share(saliency[c], clipMasks[c]);
                area += share(null, clipMasks[c]);
                clips++;
            }
            if (overlayDir != null && v < overlays) {
                Path png = overlayDir.resolve(stem(file) + ".png");
                writeOverlay(png, middleFrame, saliency[0], middleMask);
                log.println("focus: wrote " + png);
            }
        }
        Ssl4jException.check(clips > 0, "no videos to measure the foreground focus on");
        return new Result(focus / clips, area / clips, clips);
    }

    /** Each clip's saliency {@code (S * S)}: the channel norm of {@code (clips, C, t, h, w)}, averaged over t. */
    private float[][] upsampled(NDArray map) {
        long[] s = map.getShape().getShape();
        int h = (int) s[3];
        int w = (int) s[4];
        float[] norms = map.square().sum(new int[] {1}).sqrt().mean(new int[] {1}).toFloatArray(); // (clips, h, w)
        float[][] out = new float[(int) s[0]][size * size];
        for (int c = 0; c < out.length; c++) {
            for (int y = 0; y < size; y++) {
                double sy = (y + 0.5) * h / size - 0.5;
                for (int x = 0; x < size; x++) {
                    double sx = (x + 0.5) * w / size - 0.5;
                    out[c][y * size + x] = ClipAugmentation.bilinear(norms, c * h * w, h, w, sy, sx);
                }
            }
        }
        return out;
    }

    /** The share of {@code saliency}'s mass under {@code mask}; a null saliency is uniform (the mask's area). */
    static double share(float[] saliency, float[] mask) {
        double inside = 0;
        double total = 0;
        for (int i = 0; i < mask.length; i++) {
            double s = saliency == null ? 1 : saliency[i];
            inside += s * mask[i];
            total += s;
        }
        return total > 0 ? inside / total : 0;
    }

    /** A video's foreground masks, one per frame, at their own size. */
    private record Masks(boolean[][] frames, int side, int size) {
        static Masks beside(Path video, int size) {
            Path file = video.resolveSibling(stem(video) + ".mask.png");
            Ssl4jException.check(Files.isRegularFile(file), "the foreground focus needs a mask strip beside each "
                    + "video, as `ssl4j data motion-digits` writes: %s is missing", file);
            boolean[][] frames = MotionDigits.readMasks(file);
            return new Masks(frames, (int) Math.round(Math.sqrt(frames[0].length)), size);
        }

        /** The union of the masks of the frames shown at {@code times}, at {@code size x size} (nearest). */
        float[] union(double[] times, double fps) {
            float[] out = new float[size * size];
            for (double time : times) {
                boolean[] mask = frames[Math.min(frames.length - 1, Math.max(0, (int) Math.floor(time * fps + 1e-6)))];
                for (int y = 0; y < size; y++) {
                    int my = y * side / size;
                    for (int x = 0; x < size; x++) {
                        out[y * size + x] = mask[my * side + x * side / size] ? 1 : out[y * size + x];
                    }
                }
            }
            return out;
        }
    }

    /** Frame, heat map and mask outline, {@link #ZOOM} times larger, as a PNG written atomically. */
    private void writeOverlay(Path png, float[] rgb, float[] saliency, float[] mask) throws IOException {
        int plane = size * size;
        float max = 0;
        for (float v : saliency) {
            max = Math.max(max, v);
        }
        BufferedImage image = new BufferedImage(size * ZOOM, size * ZOOM, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size * ZOOM; y++) {
            for (int x = 0; x < size * ZOOM; x++) {
                int p = (y / ZOOM) * size + x / ZOOM;
                double heat = max > 0 ? saliency[p] / max : 0;
                // Half frame, half "hot" colour map (black, red, yellow, white).
                double[] hot = {Math.min(1, 3 * heat), Math.max(0, Math.min(1, 3 * heat - 1)),
                    Math.max(0, Math.min(1, 3 * heat - 2))};
                int colour = 0;
                for (int c = 0; c < 3; c++) {
                    double value = 0.5 * rgb[c * plane + p] + 0.5 * hot[c];
                    colour = (colour << 8) | (int) Math.round(255 * Math.max(0, Math.min(1, value)));
                }
                image.setRGB(x, y, edge(mask, y / ZOOM, x / ZOOM) ? 0x00FF00 : colour);
            }
        }
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
    }

    /** Whether pixel {@code (y, x)} is on the mask and has a 4-neighbour off it. */
    private boolean edge(float[] mask, int y, int x) {
        if (mask[y * size + x] < 0.5f) {
            return false;
        }
        int[][] neighbours = {{y - 1, x}, {y + 1, x}, {y, x - 1}, {y, x + 1}};
        for (int[] n : neighbours) {
            if (n[0] >= 0 && n[0] < size && n[1] >= 0 && n[1] < size && mask[n[0] * size + n[1]] < 0.5f) {
                return true;
            }
        }
        return false;
    }

    private static String stem(Path video) {
        String name = video.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
