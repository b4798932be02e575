package org.ssl4j.core.supervised;

import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.recipe.MethodConfig;

/**
 * Settings of the supervised reference ({@link Supervised}).
 *
 * @param classes the number of classes of the training labels (required: the classifier's width)
 */
public record SupervisedConfig(Integer classes) implements MethodConfig {
    /** Validates. */
    public SupervisedConfig {
        Ssl4jException.check(classes != null && classes >= 2,
                "method.classes: the supervised reference needs the number of classes (>= 2), got %s", classes);
    }
}
