package org.ssl4j.video.flow;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ssl4j.video.io.DerivedDataCache;

/**
 * The optional on-disk cache of videos' optical flow ({@link VideoFlow}), keyed by the video, the solver, the frame
 * size and the sampling rate ({@link DerivedDataCache}): TV-L1 costs seconds per video on a CPU, so an epoch after
 * the first reads the maps instead.
 *
 * <p>Body format: width, height (ints), frames per second (double), the flow count, then per flow
 * {@code 2 * height * width} floats.
 */
public final class FlowCache {
    private final DerivedDataCache<VideoFlow> cache;
    private final OpticalFlow.Method method;
    private final int width;
    private final int height;
    private final double framesPerSecond;

    /**
     * @param dir the cache folder (created when first written)
     * @param method the solver
     * @param width frame width of the flow
     * @param height frame height
     * @param framesPerSecond the sampling rate
     * @param log where unreadable cache files are reported
     */
    public FlowCache(Path dir, OpticalFlow.Method method, int width, int height, double framesPerSecond,
            PrintStream log) {
        this.method = method;
        this.width = width;
        this.height = height;
        this.framesPerSecond = framesPerSecond;
        String settings = String.format(Locale.ROOT, "%s %dx%d %s fps", method, width, height, framesPerSecond);
        this.cache = new DerivedDataCache<>(dir, "SSL4JFLO", 1, settings, ".flow.gz",
                new DerivedDataCache.Codec<>() {
                    @Override
                    public void write(DataOutputStream out, VideoFlow flow) throws IOException {
                        out.writeInt(flow.width());
                        out.writeInt(flow.height());
                        out.writeDouble(flow.framesPerSecond());
                        out.writeInt(flow.flows().size());
                        for (float[] f : flow.flows()) {
                            for (float v : f) {
                                out.writeFloat(v);
                            }
                        }
                    }

                    @Override
                    public VideoFlow read(DataInputStream in) throws IOException {
                        int w = in.readInt();
                        int h = in.readInt();
                        double fps = in.readDouble();
                        int count = in.readInt();
                        if (w < 1 || h < 1 || (long) w * h > 1 << 24 || count < 0 || count > 1_000_000) {
                            throw new IOException("implausible flow of " + count + " maps of " + w + "x" + h);
                        }
                        List<float[]> flows = new ArrayList<>(count);
                        for (int i = 0; i < count; i++) {
                            float[] f = new float[2 * w * h];
                            for (int j = 0; j < f.length; j++) {
                                f[j] = in.readFloat();
                            }
                            flows.add(f);
                        }
                        return new VideoFlow(w, h, fps, List.copyOf(flows));
                    }
                }, log);
    }

    /** The flow of {@code video}, from the cache when it holds it, else computed and stored. */
    public VideoFlow flow(Path video) {
        return cache.get(video, () -> VideoFlow.compute(video, method, width, height, framesPerSecond));
    }

    /** The cache file of a video. */
    Path fileFor(Path video) {
        return cache.fileFor(video);
    }

    /** Reads a cache file. */
    VideoFlow read(Path file) throws IOException {
        return cache.read(file);
    }
}
