package org.ssl4j.video.compressed;

/**
 * One decoded frame's motion vectors, read from the compressed stream and rasterised to a dense 2-channel map, as
 * the compressed-domain video methods use them (CoViAR, Wu et al. 2018; context and motion decoupling, Huang et al.
 * 2021). Every cell holds the displacement per frame, in pixels of the decoded frame, of the content at that cell
 * since the previous frame: vectors to a past reference are negated, those to a future reference kept, and both
 * divided by the distance in frames to that reference. Cells that no vector covers (intra-coded blocks, and every
 * cell of an I-frame) are zero and not {@linkplain #predicted(int, int) predicted}.
 *
 * @param index the frame's position in display order, from 0
 * @param seconds the frame's presentation time
 * @param pictureType {@code 'I'}, {@code 'P'}, {@code 'B'}, or FFmpeg's letter for another type ({@code 'S'},
 *     {@code '?'})
 * @param keyFrame whether the frame is a keyframe (decodable on its own)
 * @param height rows of the map
 * @param width columns of the map
 * @param stride pixels of the frame per cell of the map
 * @param motion {@code (2, height, width)} row-major: x then y displacement per frame
 * @param coverage per cell, how many vectors were averaged into it
 */
public record MotionField(int index, double seconds, char pictureType, boolean keyFrame, int height, int width,
        int stride, float[] motion, int[] coverage) {
    /** The x displacement at a cell. */
    public float dx(int row, int column) {
        return motion[row * width + column];
    }

    /** The y displacement at a cell. */
    public float dy(int row, int column) {
        return motion[height * width + row * width + column];
    }

    /** Whether any motion vector covers the cell. */
    public boolean predicted(int row, int column) {
        return coverage[row * width + column] > 0;
    }
}
