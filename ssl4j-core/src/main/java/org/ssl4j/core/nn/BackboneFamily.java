package org.ssl4j.core.nn;

import java.util.Set;
import org.ssl4j.core.recipe.BackboneConfig;

/**
 * The architectures one module contributes to {@link Backbones}, found with {@link java.util.ServiceLoader} (listed in
 * the module's {@code META-INF/services/org.ssl4j.core.nn.BackboneFamily}), so that a saved encoder of any module
 * loads through core's {@link org.ssl4j.core.encoder.Encoders} once that module is on the class path.
 */
public interface BackboneFamily {
    /** The {@code backbone.name} values this family builds. */
    Set<String> names();

    /** A fresh, uninitialised backbone for {@code config}, whose name is one of {@link #names()}. */
    Backbone create(BackboneConfig config);
}
