package org.ssl4j.core.recipe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.method.Methods;
import org.ssl4j.core.train.AtomicFiles;

/**
 * Reads recipes from YAML, applies {@code --set key.path=value} overrides, validates them into a {@link Recipe} (or
 * another recipe type, such as the RL module's) and writes the resolved recipe back. Unknown keys are errors,
 * reported with the file and the full key path.
 */
public final class RecipeLoader {
    private final ObjectMapper mapper;
    private final Methods methods;

    /** Creates a loader that knows the settings types of {@code methods}. */
    public RecipeLoader(Methods methods) {
        this.methods = methods;
        this.mapper = new ObjectMapper(new YAMLFactory()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        methods.registerConfigTypes(mapper);
    }

    /** Loads the recipe file {@code file} with overrides. */
    public Recipe load(Path file, List<String> overrides) {
        return load(file, overrides, Recipe.class);
    }

    /** Loads the recipe file {@code file} with overrides, as a {@code type}. */
    public <T> T load(Path file, List<String> overrides, Class<T> type) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(file.toString(), in, overrides, type);
        } catch (NoSuchFileException e) {
            throw new Ssl4jException(file + ": recipe file not found");
        } catch (IOException e) {
            throw new Ssl4jException(file + ": cannot read recipe: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a recipe from a stream.
     *
     * @param source the name used in error messages (a path or a shipped recipe's name)
     */
    public Recipe load(String source, InputStream in, List<String> overrides) {
        return load(source, in, overrides, Recipe.class);
    }

    /**
     * Loads a recipe of type {@code type} (a record of settings records, as {@link Recipe}) from a stream.
     *
     * @param source the name used in error messages (a path or a shipped recipe's name)
     */
    public <T> T load(String source, InputStream in, List<String> overrides, Class<T> type) {
        JsonNode tree;
        try {
            tree = mapper.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new Ssl4jException(source + ": not valid YAML at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new Ssl4jException(source + ": cannot read recipe: " + e.getMessage(), e);
        }
        if (tree == null || tree instanceof MissingNode || tree.isNull()) {
            throw new Ssl4jException(source + ": recipe is empty");
        }
        if (!tree.isObject()) {
            throw new Ssl4jException(source + ": a recipe must be a mapping of keys, got " + tree.getNodeType());
        }
        for (String override : overrides) {
            applyOverride((ObjectNode) tree, override);
        }
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new Ssl4jException(source + ": " + describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new Ssl4jException(source + ": " + e.getMessage(), e);
        }
    }

    /** The recipe (a {@link Recipe} or another recipe type) as YAML, every default filled in. */
    public String toYaml(Object recipe) {
        try {
            return mapper.writeValueAsString(recipe);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise recipe", e);
        }
    }

    /** Writes the resolved recipe atomically. */
    public void writeResolved(Object recipe, Path file) throws IOException {
        AtomicFiles.writeString(file, toYaml(recipe));
    }

    private void applyOverride(ObjectNode root, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new Ssl4jException("--set " + override + ": expected key.path=value");
        }
        String[] keys = override.substring(0, eq).split("\\.");
        JsonNode value;
        try {
            value = mapper.readTree(override.substring(eq + 1));
        } catch (JsonProcessingException e) {
            throw new Ssl4jException("--set " + override + ": value is not a YAML scalar, list or mapping");
        }
        if (value == null || value instanceof MissingNode) {
            value = root.nullNode();
        }
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            if (child == null || child.isNull()) {
                child = node.putObject(keys[i]);
            } else if (!child.isObject()) {
                throw new Ssl4jException("--set " + override + ": " + keys[i] + " is not a mapping");
            }
            node = (ObjectNode) child;
        }
        node.set(keys[keys.length - 1], value);
    }

    private String describe(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? path(m) : "";
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "unknown key '" + path + "' (expected one of: " + known + ")";
        }
        if (e instanceof InvalidTypeIdException t) {
            String where = path.isEmpty() ? "method" : path;
            return t.getTypeId() == null
                    ? where + ".name: required (one of: " + String.join(", ", methods.names()) + ")"
                    : where + ".name: unknown method '" + t.getTypeId() + "' (known: "
                            + String.join(", ", methods.names()) + ")";
        }
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof Ssl4jException s) {
            return s.getMessage();
        }
        if (e instanceof MismatchedInputException m) {
            String type = m.getTargetType() == null ? "another type" : m.getTargetType().getSimpleName();
            return "key '" + path + "': expected " + article(type);
        }
        return (path.isEmpty() ? "" : "key '" + path + "': ") + e.getOriginalMessage().lines().findFirst().orElse("");
    }

    private static String article(String type) {
        return switch (type) {
            case "Integer", "int" -> "an integer";
            case "Long", "long" -> "an integer";
            case "Double", "double" -> "a number";
            case "String" -> "a string";
            case "List" -> "a list";
            default -> "a " + type;
        };
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
