package org.ssl4j.core.method;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.recipe.MethodConfig;

/**
 * The explicit registry of methods: name to settings type and factory. Each modality module contributes its entries
 * (e.g. {@code ImageMethods.register}); the CLI composes the full registry. No classpath scanning.
 */
public final class Methods {
    private record Entry<C extends MethodConfig>(Class<C> configType, MethodFactory<C> factory) {
        Method create(MethodConfig config, Supplier<Backbone> backbones) {
            return factory.create(configType.cast(config), backbones);
        }
    }

    private final Map<String, Entry<?>> entries;

    private Methods(Map<String, Entry<?>> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** Starts an empty registry. */
    public static Builder builder() {
        return new Builder();
    }

    /** The registered names, sorted. */
    public Set<String> names() {
        return new java.util.TreeSet<>(entries.keySet());
    }

    /**
     * Creates the method named by the type of {@code config}.
     *
     * @param backbones makes a fresh, uninitialised backbone on each call
     */
    public Method create(MethodConfig config, Supplier<Backbone> backbones) {
        for (Entry<?> entry : entries.values()) {
            if (entry.configType().isInstance(config)) {
                return entry.create(config, backbones);
            }
        }
        throw new IllegalArgumentException("no method registered for " + config.getClass().getName());
    }

    /** Lets {@code mapper} read and write each method's settings under its {@code name}. */
    public void registerConfigTypes(ObjectMapper mapper) {
        entries.forEach((name, entry) -> mapper.registerSubtypes(new NamedType(entry.configType(), name)));
    }

    /** Collects registry entries. */
    public static final class Builder {
        private final Map<String, Entry<?>> entries = new LinkedHashMap<>();

        private Builder() {}

        /** Registers a method; names must be unique. */
        public <C extends MethodConfig> Builder add(String name, Class<C> configType, MethodFactory<C> factory) {
            if (entries.putIfAbsent(name, new Entry<>(configType, factory)) != null) {
                throw new IllegalArgumentException("method registered twice: " + name);
            }
            return this;
        }

        /** The immutable registry. */
        public Methods build() {
            return new Methods(entries);
        }
    }
}
