package org.ssl4j.core.recipe;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The settings of one self-supervised method; each method has its own record, chosen in YAML by {@code name} and
 * registered with the loader by the {@link org.ssl4j.core.method.Methods} registry.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "name")
public interface MethodConfig {}
