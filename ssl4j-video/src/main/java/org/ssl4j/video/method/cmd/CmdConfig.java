package org.ssl4j.video.method.cmd;

import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.momentum.MomentumSettings;
import org.ssl4j.core.recipe.MethodConfig;
import org.ssl4j.core.recipe.RecipeValues;

/**
 * Settings of context and motion decoupling (Huang et al. 2021, "Self-supervised video representation learning by
 * context and motion decoupling"). Frame counts and strides count the video's own frames, in display order, as the
 * compressed stream stores them.
 *
 * @param contextWeight weight of context matching, clip against keyframe (default 1)
 * @param motionWeight weight of motion prediction, clip features against future motion-vector features (default 1)
 * @param temperature context matching's InfoNCE tau (default 0.1, the paper's)
 * @param motionTemperature motion prediction's pointwise InfoNCE tau (default 0.1)
 * @param projectionHidden hidden width of the MLP heads (default: the width of the features they read)
 * @param projectionDim output width of the MLP heads (default 128)
 * @param keyframeBackbone the keyframe encoder, a 2D backbone name (default {@code resnet10})
 * @param keyframeWidth its channel multiplier, a whole number (default 1)
 * @param motionBackbone the motion-vector encoder, a 3D backbone name on 2-channel maps (default {@code r3d-10})
 * @param motionWidth its channel multiplier (default 1)
 * @param mvFrames frames of a motion-vector clip (default 8)
 * @param mvStride frames between two frames of a motion-vector clip (default 1)
 * @param gap frames between the RGB clip's last frame and the future motion-vector clip's first (default 2)
 * @param motionStride pixels of the video per cell of the motion-vector maps read from the stream (default 4)
 * @param motionSize side of the square maps the encoder reads, resampled from those cells (default 16)
 * @param depth layers of the prediction transformer's encoder, and of its decoder (default 2)
 * @param width the transformer's token width (default 256)
 * @param heads its attention heads, dividing {@code width} (default 4)
 * @param classes when set, the supervised run of the paper's auxiliary-task experiment: cross-entropy of a linear
 *     classifier on the training labels, plus the weighted self-supervised terms as auxiliary tasks (default: unset,
 *     no label is read)
 */
public record CmdConfig(Double contextWeight, Double motionWeight, Double temperature, Double motionTemperature,
        Integer projectionHidden, Integer projectionDim, String keyframeBackbone, Integer keyframeWidth,
        String motionBackbone, Double motionWidth, Integer mvFrames, Integer mvStride, Integer gap,
        Integer motionStride, Integer motionSize, Integer depth, Integer width, Integer heads, Integer classes)
        implements MethodConfig {
    /** Fills defaults and validates. */
    public CmdConfig {
        contextWeight = RecipeValues.weight(contextWeight, "method.contextWeight");
        motionWeight = RecipeValues.weight(motionWeight, "method.motionWeight");
        temperature = MomentumSettings.temperature(temperature, 0.1);
        motionTemperature = motionTemperature == null ? 0.1 : motionTemperature;
        Ssl4jException.check(motionTemperature > 0, "method.motionTemperature must be > 0: %s", motionTemperature);
        projectionHidden = MomentumSettings.projectionHidden(projectionHidden);
        projectionDim = MomentumSettings.projectionDim(projectionDim);
        keyframeBackbone = keyframeBackbone == null ? "resnet10" : keyframeBackbone;
        keyframeWidth = RecipeValues.positive(keyframeWidth, 1, "method.keyframeWidth");
        motionBackbone = motionBackbone == null ? "r3d-10" : motionBackbone;
        motionWidth = motionWidth == null ? 1.0 : motionWidth;
        Ssl4jException.check(motionWidth > 0, "method.motionWidth must be > 0: %s", motionWidth);
        mvFrames = RecipeValues.positive(mvFrames, 8, "method.mvFrames");
        mvStride = RecipeValues.positive(mvStride, 1, "method.mvStride");
        gap = gap == null ? 2 : gap;
        Ssl4jException.check(gap >= 0, "method.gap must be >= 0 frames: %s", gap);
        motionStride = RecipeValues.positive(motionStride, 4, "method.motionStride");
        motionSize = RecipeValues.positive(motionSize, 16, "method.motionSize");
        depth = RecipeValues.positive(depth, 2, "method.depth");
        width = RecipeValues.positive(width, 256, "method.width");
        heads = RecipeValues.positive(heads, 4, "method.heads");
        Ssl4jException.check(width % heads == 0, "method.heads (%d) must divide method.width (%d)", heads, width);
        Ssl4jException.check(classes == null || classes >= 2, "method.classes must be >= 2 when set: %s", classes);
        Ssl4jException.check(classes != null || contextWeight + motionWeight > 0,
                "method.contextWeight and method.motionWeight are both 0: nothing to learn from");
    }

    /** Where the inputs are drawn in a video whose RGB clips are {@code clipFrames} frames {@code clipStride} apart. */
    public CmdSampling sampling(int clipFrames, int clipStride) {
        return new CmdSampling(clipFrames, clipStride, mvFrames, mvStride, gap);
    }

    /** The shape of one motion-vector clip, {@code (2, mvFrames, motionSize, motionSize)}. */
    public int[] motionShape() {
        return new int[] {2, mvFrames, motionSize, motionSize};
    }
}
