package org.ssl4j.video.compressed;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H263;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H263P;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_MOTION_VECTORS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVFrameSideData;
import org.bytedeco.ffmpeg.avutil.AVMotionVector;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.io.Grabbers;

/**
 * Reads the motion vectors that a video's compressed stream already carries (H.264, MPEG-4 Part 2 and the other
 * codecs for which FFmpeg exports them), frame by frame in display order, without converting any picture: the decoder
 * runs with {@code flags2=+export_mvs} and each frame's {@code AV_FRAME_DATA_MOTION_VECTORS} side data is rasterised
 * into a {@link MotionField}. This is the cheap motion signal of the compressed-domain methods (CoViAR; context and
 * motion decoupling, Huang et al. 2021), which read it at hundreds of frames per second on one CPU thread.
 *
 * <p>FFmpeg tells only the direction of each vector's reference (past or future), not which frame it is, so the
 * reader takes the nearest anchor (I or P frame) in that direction: exact for MPEG-4 Part 2 and for H.264 with one
 * reference frame and no referenced B-frames, an approximation for streams with several references. B-frames are
 * held back until the next anchor is decoded, to know the distance to it.
 *
 * <p>FFmpeg's H.263-family decoders (MPEG-4 Part 2 among them) keep no motion for B-frames and export zero vectors
 * for them; the reader drops those, so such B-frames come out with no predicted cell rather than with false zeros.
 * Compressed-domain methods re-encode to MPEG-4 Part 2 without B-frames (CoViAR) or use H.264, whose B-frames work.
 */
public final class MotionVectorReader implements AutoCloseable {
    static {
        Loader.load(avutil.class); // before the layout below is asked of the native library
    }

    /** The layout of FFmpeg's {@code AVMotionVector}, read from the native headers through JavaCPP. */
    private static final int RECORD = Loader.sizeof(AVMotionVector.class);
    private static final int SOURCE = Loader.offsetof(AVMotionVector.class, "source");
    private static final int W = Loader.offsetof(AVMotionVector.class, "w");
    private static final int H = Loader.offsetof(AVMotionVector.class, "h");
    private static final int DST_X = Loader.offsetof(AVMotionVector.class, "dst_x");
    private static final int DST_Y = Loader.offsetof(AVMotionVector.class, "dst_y");
    private static final int MOTION_X = Loader.offsetof(AVMotionVector.class, "motion_x");
    private static final int MOTION_Y = Loader.offsetof(AVMotionVector.class, "motion_y");
    private static final int MOTION_SCALE = Loader.offsetof(AVMotionVector.class, "motion_scale");

    private final Path file;
    private final int stride;
    private final FFmpegFrameGrabber grabber;
    private final int frameWidth;
    private final int frameHeight;
    private final boolean bFramesHaveVectors;
    private final ArrayDeque<Decoded> waiting = new ArrayDeque<>(); // B-frames before their next anchor
    private final ArrayDeque<MotionField> ready = new ArrayDeque<>();
    private int decoded;
    private int lastAnchor = -1;
    private boolean ended;

    /** One decoded frame's raw vectors, before the distances to its references are known. */
    private record Decoded(int index, double seconds, char type, boolean key, float[] vectors) {}

    private MotionVectorReader(Path file, int stride, FFmpegFrameGrabber grabber) {
        this.file = file;
        this.stride = stride;
        this.grabber = grabber;
        this.frameWidth = grabber.getImageWidth();
        this.frameHeight = grabber.getImageHeight();
        int codec = grabber.getVideoCodec();
        this.bFramesHaveVectors = codec != AV_CODEC_ID_MPEG4 && codec != AV_CODEC_ID_H263
                && codec != AV_CODEC_ID_H263P;
    }

    /**
     * Opens a video file.
     *
     * @param file an MP4, AVI, MKV, ... file with a video stream
     * @param stride pixels of the frame per cell of the motion maps (4 in the compressed-video papers)
     * @param threads decoder threads (1 for the single-thread figures)
     */
    public static MotionVectorReader open(Path file, int stride, int threads) {
        Ssl4jException.check(stride >= 1, "motion-vector stride must be >= 1, got %d", stride);
        Ssl4jException.check(threads >= 1, "decoder threads must be >= 1, got %d", threads);
        return new MotionVectorReader(file, stride, Grabbers.startVideo(file, g -> {
            g.setVideoOption("flags2", "+export_mvs");
            g.setVideoOption("threads", Integer.toString(threads));
            g.setImageMode(FrameGrabber.ImageMode.RAW); // the decoder's own frame (and side data), not converted
        }));
    }

    /** Width of the decoded frames in pixels. */
    public int frameWidth() {
        return frameWidth;
    }

    /** Height of the decoded frames in pixels. */
    public int frameHeight() {
        return frameHeight;
    }

    /** The next frame's motion field in display order, or {@code null} after the last frame. */
    public MotionField next() {
        while (ready.isEmpty() && !ended) {
            Decoded frame = decodeNext();
            if (frame == null) {
                ended = true;
                while (!waiting.isEmpty()) { // B-frames after the last anchor: only their past vectors are usable
                    ready.add(rasterise(waiting.poll(), -1));
                }
            } else if (frame.type() == 'B') {
                waiting.add(frame);
            } else {
                while (!waiting.isEmpty()) {
                    ready.add(rasterise(waiting.poll(), frame.index()));
                }
                ready.add(rasterise(frame, -1));
                lastAnchor = frame.index();
            }
        }
        return ready.poll();
    }

    /** Reads every remaining frame's field. */
    public List<MotionField> readAll() {
        List<MotionField> out = new ArrayList<>();
        for (MotionField f = next(); f != null; f = next()) {
            out.add(f);
        }
        return out;
    }

    private Decoded decodeNext() {
        Frame frame;
        try {
            frame = grabber.grabFrame(false, true, true, false, false);
        } catch (FrameGrabber.Exception e) {
            throw new Ssl4jException("cannot decode video " + file + " at frame " + decoded + ": " + e.getMessage(), e);
        }
        if (frame == null) {
            return null;
        }
        if (!(frame.opaque instanceof AVFrame picture)) {
            throw new IllegalStateException("JavaCV returned no AVFrame for a video frame of " + file);
        }
        char type = (char) avutil.av_get_picture_type_char(picture.pict_type());
        boolean key = frame.keyFrame;
        AVFrameSideData side = avutil.av_frame_get_side_data(picture, AV_FRAME_DATA_MOTION_VECTORS);
        float[] vectors = new float[0];
        if (side != null && side.size() >= RECORD && (type != 'B' || bFramesHaveVectors)) {
            // Copied in one go and parsed in Java: one JNI call per frame instead of one per field of each vector.
            ByteBuffer raw = side.data().capacity(side.size()).asByteBuffer().order(ByteOrder.nativeOrder());
            int count = (int) (side.size() / RECORD);
            vectors = new float[count * 7];
            for (int i = 0; i < count; i++) {
                int at = i * RECORD;
                int scale = Math.max(1, Short.toUnsignedInt(raw.getShort(at + MOTION_SCALE)));
                vectors[i * 7] = Integer.signum(raw.getInt(at + SOURCE));
                vectors[i * 7 + 1] = Byte.toUnsignedInt(raw.get(at + W));
                vectors[i * 7 + 2] = Byte.toUnsignedInt(raw.get(at + H));
                vectors[i * 7 + 3] = raw.getShort(at + DST_X);
                vectors[i * 7 + 4] = raw.getShort(at + DST_Y);
                vectors[i * 7 + 5] = raw.getInt(at + MOTION_X) / (float) scale; // src = dst + motion / scale
                vectors[i * 7 + 6] = raw.getInt(at + MOTION_Y) / (float) scale;
            }
        }
        return new Decoded(decoded++, frame.timestamp / 1e6, type, key, vectors);
    }

    /**
     * Averages the frame's vectors, as displacement per frame, over the cells their blocks cover.
     *
     * @param nextAnchor display index of the next anchor, or -1 when unknown (future vectors are then skipped)
     */
    private MotionField rasterise(Decoded frame, int nextAnchor) {
        int rows = (frameHeight + stride - 1) / stride;
        int columns = (frameWidth + stride - 1) / stride;
        float[] sum = new float[2 * rows * columns];
        int[] coverage = new int[rows * columns];
        int past = lastAnchor >= 0 ? frame.index() - lastAnchor : 1;
        int future = nextAnchor >= 0 ? nextAnchor - frame.index() : 0;
        float[] v = frame.vectors();
        for (int i = 0; i < v.length; i += 7) {
            float perFrame;
            if (v[i] < 0) { // from the past: content moved by -(motion) over `past` frames
                perFrame = -1f / Math.max(1, past);
            } else if (future > 0) { // from the future: content will move by +(motion) over `future` frames
                perFrame = 1f / future;
            } else {
                continue;
            }
            float dx = v[i + 5] * perFrame;
            float dy = v[i + 6] * perFrame;
            int x0 = Math.max(0, Math.round(v[i + 3] - v[i + 1] / 2)) / stride;
            int y0 = Math.max(0, Math.round(v[i + 4] - v[i + 2] / 2)) / stride;
            int x1 = Math.min(columns, (Math.round(v[i + 3] + v[i + 1] / 2) + stride - 1) / stride);
            int y1 = Math.min(rows, (Math.round(v[i + 4] + v[i + 2] / 2) + stride - 1) / stride);
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    int cell = y * columns + x;
                    sum[cell] += dx;
                    sum[rows * columns + cell] += dy;
                    coverage[cell]++;
                }
            }
        }
        for (int cell = 0; cell < coverage.length; cell++) {
            if (coverage[cell] > 1) {
                sum[cell] /= coverage[cell];
                sum[rows * columns + cell] /= coverage[cell];
            }
        }
        return new MotionField(frame.index(), frame.seconds(), frame.type(), frame.key(), rows, columns, stride, sum,
                coverage);
    }

    @Override
    public void close() {
        Grabbers.close(grabber, file);
    }
}
