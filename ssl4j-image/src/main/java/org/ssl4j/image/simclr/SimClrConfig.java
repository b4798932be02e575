package org.ssl4j.image.simclr;

import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.recipe.MethodConfig;

/**
 * SimCLR settings (Chen et al. 2020).
 *
 * @param temperature NT-Xent tau (default 0.5, the paper's CIFAR-10 value)
 * @param projectionHidden hidden width of the projection MLP (default: the backbone's feature width, as the paper)
 * @param projectionDim output width of the projection MLP (default 128)
 */
public record SimClrConfig(Double temperature, Integer projectionHidden, Integer projectionDim) implements MethodConfig {
    /** Fills defaults and validates. */
    public SimClrConfig {
        temperature = temperature == null ? 0.5 : temperature;
        Ssl4jException.check(temperature > 0, "method.temperature must be > 0: %s", temperature);
        Ssl4jException.check(projectionHidden == null || projectionHidden >= 1,
                "method.projectionHidden must be >= 1: %s", projectionHidden);
        projectionDim = projectionDim == null ? 128 : projectionDim;
        Ssl4jException.check(projectionDim >= 1, "method.projectionDim must be >= 1: %s", projectionDim);
    }
}
