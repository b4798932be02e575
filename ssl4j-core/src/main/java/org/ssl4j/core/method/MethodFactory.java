package org.ssl4j.core.method;

import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.recipe.MethodConfig;

/**
 * Builds a {@link Method} from its typed settings and a fresh backbone.
 *
 * @param <C> the method's settings record
 */
@FunctionalInterface
public interface MethodFactory<C extends MethodConfig> {
    /** Creates the method around {@code backbone}. */
    Method create(C config, Backbone backbone);
}
