package org.ssl4j.core.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.recipe.BackboneConfig;
import org.ssl4j.core.tensor.Tensors;

/**
 * Saves and loads a trained encoder as a directory: {@code encoder.yaml} (architecture and input shape) and
 * {@code encoder.params} (DJL's parameter format), both written atomically.
 */
public final class EncoderStore {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String SPEC = "encoder.yaml";
    private static final String PARAMS = "encoder.params";

    private EncoderStore() {}

    /**
     * What {@code encoder.yaml} holds.
     *
     * @param method the method that trained it
     * @param backbone the architecture
     * @param inputShape one sample's shape, e.g. {@code [1, 28, 28]}
     */
    public record Spec(String method, BackboneConfig backbone, List<Integer> inputShape) {}

    /** A loaded encoder with its spec. */
    public record Loaded(Backbone backbone, Spec spec) {}

    /** Writes {@code backbone} and its spec into {@code dir}. */
    public static void save(Path dir, Backbone backbone, Spec spec) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(PARAMS), out -> backbone.saveParameters(new DataOutputStream(out)));
        AtomicFiles.write(dir.resolve(SPEC), out -> YAML.writeValue(out, spec));
    }

    /** Reads the encoder in {@code dir}, initialised on {@code manager}. */
    public static Loaded load(Path dir, NDManager manager) {
        Spec spec = spec(dir);
        Path paramsFile = dir.resolve(PARAMS);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(paramsFile))) {
            return load(spec, in, paramsFile.toString(), manager);
        } catch (IOException e) {
            throw new Ssl4jException(paramsFile + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads {@code encoder.yaml} of {@code dir}: the architecture and input shape, without building the network. */
    public static Spec spec(Path dir) {
        Path specFile = dir.resolve(SPEC);
        if (!Files.isRegularFile(specFile) || !Files.isRegularFile(dir.resolve(PARAMS))) {
            throw new Ssl4jException(dir + ": no trained encoder here (expected " + SPEC + " and " + PARAMS + ")");
        }
        try {
            return YAML.readValue(specFile.toFile(), Spec.class);
        } catch (IOException e) {
            throw new Ssl4jException(specFile + ": unreadable encoder spec: " + e.getMessage(), e);
        }
    }

    /**
     * Builds the backbone of {@code spec} on {@code manager} and reads its parameters from {@code params}.
     *
     * @param name names the parameter source in errors
     */
    public static Loaded load(Spec spec, InputStream params, String name, NDManager manager) {
        Backbone backbone = Backbones.create(spec.backbone());
        backbone.initialize(manager, DataType.FLOAT32, Tensors.batchShape(1, spec.inputShape()));
        try {
            backbone.loadParameters(manager, new DataInputStream(params));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new Ssl4jException(name + ": corrupt encoder parameters: " + e.getMessage(), e);
        }
        return new Loaded(backbone, spec);
    }
}
