package org.ssl4j.image.moco;

import org.ssl4j.core.momentum.MomentumSettings;
import org.ssl4j.core.recipe.MethodConfig;

/**
 * MoCo v2 settings (He et al. 2020; Chen et al. 2020, "Improved baselines"); defaults are the papers' ImageNet values.
 *
 * @param temperature InfoNCE tau (default 0.2, MoCo v2)
 * @param queueSize {@code K}, negatives kept (default 65,536); must be at least the batch size (twice it if symmetric)
 * @param momentum key-encoder momentum {@code m} (default 0.999)
 * @param momentumSchedule {@code constant} (default) or {@code cosine}, raising {@code m} to 1 over the run (BYOL)
 * @param projectionHidden hidden width of the MLP head (default: the backbone's feature width, as MoCo v2)
 * @param projectionDim output width of the head (default 128)
 * @param symmetric also use the second view as query and the first as key, summing both losses (the MoCo CIFAR
 *     demo's option; default false)
 * @param shuffleKeys permute the key batch before the key encoder and undo it after, so that with
 *     {@code backbone.batchNormSplits > 1} queries and their keys fall into different batch-norm splits (MoCo's
 *     shuffling BN on one device; default true)
 */
public record MoCoConfig(
        Double temperature, Integer queueSize, Double momentum, String momentumSchedule, Integer projectionHidden,
        Integer projectionDim, Boolean symmetric, Boolean shuffleKeys) implements MethodConfig {
    /** Fills defaults and validates. */
    public MoCoConfig {
        temperature = MomentumSettings.temperature(temperature);
        queueSize = MomentumSettings.queueSize(queueSize);
        momentum = MomentumSettings.momentum(momentum);
        momentumSchedule = MomentumSettings.momentumSchedule(momentumSchedule);
        projectionHidden = MomentumSettings.projectionHidden(projectionHidden);
        projectionDim = MomentumSettings.projectionDim(projectionDim);
        symmetric = symmetric != null && symmetric;
        shuffleKeys = shuffleKeys == null || shuffleKeys;
    }
}
