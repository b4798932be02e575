package org.ssl4j.video.method.modist;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.augment.ClipAugmentation;
import org.ssl4j.video.data.SampleLayout;
import org.ssl4j.video.data.VideoFolder;
import org.ssl4j.video.data.VideoFolderDataset;
import org.ssl4j.video.flow.FlowCache;
import org.ssl4j.video.flow.VideoFlow;
import org.ssl4j.video.io.VideoDecoder;

/**
 * MoDist's inputs as a {@link VideoFolderDataset}: sample {@code i} is two clips of video {@code i} at random times
 * (the two views of the Visual pathway, as video MoCo) and the optical flow under each, one flat array of four parts
 * ({@link SampleLayout}): RGB clip A {@code (3, T, size, size)} in [0, 1], RGB clip B, the flow of A
 * {@code (2, T, f, f)} and the flow of B.
 *
 * <p>The flow comes from the {@link FlowCache} (computed once per video on the clips' {@code size x size} frames),
 * sampled at the clips' rate, the video's rate over the clip stride; clips start on that grid, so the flow under
 * frame {@code t} of a clip is the displacement from that frame to the next one of the clip, x then y. It is
 * resampled to the {@code f x f} maps the Motion pathway reads, in pixels of those maps.
 * A video with fewer flows than a clip has frames repeats its last one. An unreadable video is an error naming the
 * file.
 */
public final class ModistDataset extends VideoFolderDataset {
    /** RGB clip A's part of a sample ({@link #layout()}); clip B's is the next. */
    public static final int CLIP_A = 0;
    /** The flow of clip A's part; that of clip B is the next. */
    public static final int FLOW_A = 2;

    private final FlowCache flows;
    private final double rate;
    private final int size;
    private final SampleLayout layout;

    /**
     * @param videos the videos and their classes
     * @param frames frames per clip
     * @param rate the clips' frame rate, the flow's sampling rate
     * @param size side of the square RGB frames
     * @param flowSize side of the square flow maps of a sample
     * @param flows the videos' optical flow at {@code rate}, computed on {@code size x size} frames
     */
    public ModistDataset(VideoFolder videos, int frames, double rate, int size, int flowSize, FlowCache flows) {
        super(videos);
        Ssl4jException.check(frames >= 1, "clip frames must be >= 1, got %d", frames);
        this.flows = flows;
        this.rate = rate;
        this.size = size;
        int[] clip = {3, frames, size, size};
        int[] flow = {2, frames, flowSize, flowSize};
        this.layout = new SampleLayout("two clips and their flow", clip, clip, flow, flow);
    }

    /** Where the parts of a sample lie. */
    public SampleLayout layout() {
        return layout;
    }

    /** One flat axis: the four parts of {@link #layout()} one after the other. */
    @Override
    public int[] sampleShape() {
        return layout.sampleShape();
    }

    @Override
    public void read(int index, float[] dst, int offset, SplittableRandom random) {
        Path file = videos().paths().get(index);
        VideoFlow flow = flows.flow(file);
        int frames = layout.shape(CLIP_A)[1];
        int count = flow.flows().size();
        int starts = Math.max(1, count - frames + 1);
        int[] start = {random.nextInt(starts), random.nextInt(starts)};
        int plane = size * size;
        try (VideoDecoder decoder = VideoDecoder.open(file, size, size, 1)) {
            for (int c = 0; c < 2; c++) {
                double[] times = new double[frames];
                for (int t = 0; t < frames; t++) {
                    times[t] = (start[c] + t) / rate;
                }
                float[][] pictures = decoder.framesAt(times); // (T) x (3, size, size)
                int at = offset + layout.offset(CLIP_A + c);
                for (int ch = 0; ch < 3; ch++) {
                    for (int t = 0; t < frames; t++) {
                        System.arraycopy(pictures[t], ch * plane, dst, at + (ch * frames + t) * plane, plane);
                    }
                }
            }
        }
        Ssl4jException.check(flow.width() == size && flow.height() == size,
                "the flow of %s is %dx%d, expected the clips' %dx%d", file, flow.width(), flow.height(), size, size);
        int f = layout.shape(FLOW_A)[2];
        for (int c = 0; c < 2; c++) {
            int at = offset + layout.offset(FLOW_A + c);
            for (int t = 0; t < frames; t++) {
                float[] field = flow.flows().get(Math.min(count - 1, start[c] + t)); // (2, size, size)
                resample(field, f, dst, at, t);
            }
        }
    }

    /**
     * Writes the {@code (2, size, size)} flow {@code field} as frame {@code t} of the {@code (2, T, f, f)} clip at
     * {@code at}, resampled bilinearly (a 2x2 box mean when halving) and in pixels of the {@code f x f} map.
     */
    private void resample(float[] field, int f, float[] dst, int at, int t) {
        int frames = layout.shape(FLOW_A)[1];
        double scale = (double) f / size;
        for (int c = 0; c < 2; c++) {
            int out = at + (c * frames + t) * f * f;
            for (int y = 0; y < f; y++) {
                double sy = (y + 0.5) / scale - 0.5;
                for (int x = 0; x < f; x++) {
                    double sx = (x + 0.5) / scale - 0.5;
                    float value = ClipAugmentation.bilinear(field, c * size * size, size, size, sy, sx);
                    dst[out + y * f + x] = (float) (value * scale);
                }
            }
        }
    }
}
