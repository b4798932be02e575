package org.ssl4j.video.method.cmd;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.augment.ClipAugmentation;
import org.ssl4j.video.compressed.MotionField;
import org.ssl4j.video.compressed.MotionFieldCache;
import org.ssl4j.video.data.SampleLayout;
import org.ssl4j.video.data.VideoFolder;
import org.ssl4j.video.data.VideoFolderDataset;
import org.ssl4j.video.io.VideoDecoder;

/**
 * The inputs of context and motion decoupling as a {@link VideoFolderDataset}, read from each video's compressed
 * stream on the loader's worker threads: sample {@code i} is, for one {@link CmdSampling} draw in video {@code i}, one
 * flat array of four parts in this order ({@link SampleLayout}):
 *
 * <ol>
 *   <li>the RGB clip {@code (3, T, size, size)} in [0, 1];
 *   <li>the keyframe (I-frame) nearest to it, {@code (3, size, size)};
 *   <li>the motion vectors of the clip that follows after the gap, {@code (2, T', m, m)};
 *   <li>the motion vectors of a clip at another time of the same video, the same shape.
 * </ol>
 *
 * <p>Motion vectors come from the {@link MotionFieldCache} (decoded once per video and stride), resampled
 * bilinearly to {@code m x m} cells and expressed in cells of that map per frame, so that maps of videos of any size
 * share one scale. An unreadable video is an error naming the file.
 */
public final class CmdDataset extends VideoFolderDataset {
    /** The RGB clip's part of a sample ({@link #layout()}). */
    public static final int CLIP = 0;
    /** The keyframe's part. */
    public static final int KEYFRAME = 1;
    /** The future motion vectors' part. */
    public static final int FUTURE_MOTION = 2;
    /** The other-time motion vectors' part. */
    public static final int OTHER_MOTION = 3;

    private final CmdSampling sampling;
    private final int size;
    private final MotionFieldCache motion;
    private final SampleLayout layout;

    /**
     * @param videos the videos and their classes
     * @param sampling where a draw takes its inputs
     * @param size side of the square RGB frames
     * @param motionSize side of the square motion-vector maps
     * @param motion the motion fields of the videos
     */
    public CmdDataset(VideoFolder videos, CmdSampling sampling, int size, int motionSize, MotionFieldCache motion) {
        super(videos);
        Ssl4jException.check(size >= 8, "clip frames must be at least 8x8, got %d", size);
        this.sampling = sampling;
        this.size = size;
        this.motion = motion;
        int[] motionClip = {2, sampling.mvFrames(), motionSize, motionSize};
        this.layout = new SampleLayout("a clip, its keyframe and two motion-vector clips",
                new int[] {3, sampling.clipFrames(), size, size}, new int[] {3, size, size}, motionClip, motionClip);
    }

    /** Where each part of a sample lies. */
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
        List<MotionField> fields = motion.fields(file);
        CmdSampling.Plan plan = sampling.plan(fields, random, file.toString());
        double[] times = new double[plan.clip().length];
        for (int t = 0; t < times.length; t++) {
            times[t] = fields.get(plan.clip()[t]).seconds();
        }
        int plane = size * size;
        try (VideoDecoder decoder = VideoDecoder.open(file, size, size, 1)) {
            float[][] pictures = decoder.framesAt(times); // (T) x (3, size, size)
            for (int c = 0; c < 3; c++) {
                for (int t = 0; t < times.length; t++) {
                    System.arraycopy(pictures[t], c * plane, dst, offset + (c * times.length + t) * plane, plane);
                }
            }
            // The keyframe from the same demuxer: the motion fields already say which frames are keyframes.
            float[] rgb = decoder.framesAt(new double[] {fields.get(plan.keyframe()).seconds()})[0];
            System.arraycopy(rgb, 0, dst, offset + layout.offset(KEYFRAME), rgb.length);
        }
        writeMotion(fields, plan.future(), dst, offset + layout.offset(FUTURE_MOTION));
        writeMotion(fields, plan.other(), dst, offset + layout.offset(OTHER_MOTION));
    }

    /** Writes the maps of {@code frames} as {@code (2, T', m, m)}, in cells of the resampled map per frame. */
    private void writeMotion(List<MotionField> fields, int[] frames, float[] dst, int at) {
        int m = layout.shape(FUTURE_MOTION)[2];
        int count = frames.length;
        for (int t = 0; t < count; t++) {
            MotionField field = fields.get(frames[t]);
            int h = field.height();
            int w = field.width();
            double[] unit = {(double) m / (w * field.stride()), (double) m / (h * field.stride())}; // cells per px
            for (int c = 0; c < 2; c++) {
                int out = at + (c * count + t) * m * m;
                for (int y = 0; y < m; y++) {
                    double sy = (y + 0.5) * h / m - 0.5;
                    for (int x = 0; x < m; x++) {
                        double sx = (x + 0.5) * w / m - 0.5;
                        float value = ClipAugmentation.bilinear(field.motion(), c * h * w, h, w, sy, sx);
                        dst[out + y * m + x] = (float) (value * unit[c]);
                    }
                }
            }
        }
    }
}
