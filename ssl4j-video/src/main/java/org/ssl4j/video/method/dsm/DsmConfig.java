package org.ssl4j.video.method.dsm;

import java.util.List;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.momentum.MomentumSettings;
import org.ssl4j.core.recipe.MethodConfig;
import org.ssl4j.video.augment.SpatialLocalDisturbance;
import org.ssl4j.video.augment.TemporalLocalDisturbance;

/**
 * DSM settings (Wang et al. 2021, "Enhancing unsupervised video representation learning by decoupling the scene and
 * the motion"); defaults are the paper's and its official code's.
 *
 * @param temperature InfoNCE tau (default 0.07)
 * @param queueSize {@code K}, negatives kept (default 65,536); at least the batch size
 * @param momentum key-encoder momentum {@code m} (default 0.999)
 * @param projectionHidden hidden width of the MLP head (default: the backbone's feature width)
 * @param projectionDim output width of the head (default 128)
 * @param shuffleKeys shuffling batch norm for the keys, as MoCo (default true)
 * @param loss {@code infonce} (default: MoCo-style InfoNCE with the queue and the intra-video negative) or
 *     {@code triplet} (the triplet-margin variant, no momentum encoder and no queue)
 * @param margin the triplet variant's margin (default 0.5)
 * @param negatives the temporal disturbances the negative is drawn from: {@code other-time} (default, the official
 *     code's), {@code shuffle}, {@code static}, {@code reverse}
 * @param shuffleWindow frames per window of the local shuffle (default 4)
 * @param sldWarps the spatial disturbance's most warps per clip (default 3)
 * @param sldRadius the spatial disturbance's shift lengths as fractions of the frame size (default
 *     [10/224, 20/224], the official code's pixels at 224)
 */
public record DsmConfig(Double temperature, Integer queueSize, Double momentum, Integer projectionHidden,
        Integer projectionDim, Boolean shuffleKeys, String loss, Double margin, List<String> negatives,
        Integer shuffleWindow, Integer sldWarps, List<Double> sldRadius) implements MethodConfig {
    /** Fills defaults and validates. */
    public DsmConfig {
        temperature = MomentumSettings.temperature(temperature, 0.07);
        queueSize = MomentumSettings.queueSize(queueSize);
        momentum = MomentumSettings.momentum(momentum);
        projectionHidden = MomentumSettings.projectionHidden(projectionHidden);
        projectionDim = MomentumSettings.projectionDim(projectionDim);
        shuffleKeys = shuffleKeys == null || shuffleKeys;
        loss = loss == null ? "infonce" : loss;
        Ssl4jException.check(loss.equals("infonce") || loss.equals("triplet"),
                "method.loss must be infonce or triplet: %s", loss);
        margin = margin == null ? 0.5 : margin;
        Ssl4jException.check(margin >= 0, "method.margin must be >= 0: %s", margin);
        negatives = negatives == null ? List.of("other-time") : List.copyOf(negatives);
        shuffleWindow = shuffleWindow == null ? 4 : shuffleWindow;
        SpatialLocalDisturbance paper = SpatialLocalDisturbance.paper();
        sldWarps = sldWarps == null ? paper.maxWarps() : sldWarps;
        sldRadius = sldRadius == null ? List.of(paper.radiusMin(), paper.radiusMax()) : List.copyOf(sldRadius);
        Ssl4jException.check(sldRadius.size() == 2, "method.sldRadius must be [min, max], got %s", sldRadius);
        spatial(sldWarps, sldRadius);
        temporal(negatives, shuffleWindow);
    }

    /** Whether the triplet-margin variant is chosen. */
    public boolean triplet() {
        return loss.equals("triplet");
    }

    /** The spatial disturbance these settings describe. */
    public SpatialLocalDisturbance spatial() {
        return spatial(sldWarps, sldRadius);
    }

    /** The temporal disturbance these settings describe. */
    public TemporalLocalDisturbance temporal() {
        return temporal(negatives, shuffleWindow);
    }

    private static SpatialLocalDisturbance spatial(int warps, List<Double> radius) {
        return new SpatialLocalDisturbance(warps, radius.get(0), radius.get(1));
    }

    private static TemporalLocalDisturbance temporal(List<String> negatives, int window) {
        return new TemporalLocalDisturbance(negatives.stream().map(TemporalLocalDisturbance.Kind::parse).toList(),
                window);
    }
}
