package org.ssl4j.core.method;

import java.util.function.Supplier;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.recipe.MethodConfig;

/**
 * Builds a {@link Method} from its typed settings and a fresh backbone.
 *
 * @param <C> the method's settings record
 */
@FunctionalInterface
public interface MethodFactory<C extends MethodConfig> {
    /**
     * Creates the method.
     *
     * @param config the method's settings
     * @param backbones makes a fresh, uninitialised backbone of the recipe's architecture on each call (a method with
     *     a momentum encoder calls it twice)
     */
    Method create(C config, Supplier<Backbone> backbones);
}
