package org.ssl4j.core.encoder;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.train.AtomicFiles;
import org.ssl4j.core.train.EncoderStore;
import org.ssl4j.core.train.Engines;

/**
 * Exports a run's encoder as one file and loads it back: a zip holding {@code encoder.json} (the architecture, the
 * input shape and the method, with a format tag) and {@code encoder.params} (DJL's parameter format). Loading needs
 * nothing but ssl4j-core: {@code Encoders.load(path)} returns a ready {@link Encoder}. It also opens a run's
 * {@code encoder/} directory directly.
 */
public final class Encoders {
    /** The value of {@code format} in {@code encoder.json}. */
    public static final String FORMAT = "ssl4j-encoder/1";
    private static final String SPEC = "encoder.json";
    private static final String PARAMS = "encoder.params";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What {@code encoder.json} holds. */
    record ExportSpec(String format, EncoderStore.Spec encoder, int features) {}

    private Encoders() {}

    /**
     * Writes the encoder of run directory {@code run} (its {@code encoder/}) to {@code file}, atomically.
     *
     * @return the number of embedding features
     */
    public static int export(Path run, Path file) throws IOException {
        Path dir = run.resolve("encoder");
        try (Encoder encoder = load(dir)) {
            // loading first checks that the parameters are intact before they are copied out
            byte[] spec = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new ExportSpec(FORMAT,
                    encoder.spec(), encoder.numFeatures()));
            byte[] params = Files.readAllBytes(dir.resolve(PARAMS));
            AtomicFiles.write(file, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                zip.putNextEntry(new ZipEntry(SPEC));
                zip.write(spec);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(PARAMS));
                zip.write(params);
                zip.closeEntry();
                zip.finish();
            });
            return encoder.numFeatures();
        }
    }

    /**
     * Loads an exported encoder file, or a run's {@code encoder/} directory.
     *
     * @throws Ssl4jException if the path holds no encoder or a damaged one
     */
    public static Encoder load(Path path) {
        Engines.pytorch();
        NDManager manager = Engines.pytorch().newBaseManager();
        try {
            EncoderStore.Loaded loaded;
            if (Files.isDirectory(path)) {
                loaded = EncoderStore.load(path, manager);
            } else {
                loaded = loadZip(path, manager);
            }
            return new Encoder(manager, loaded.backbone(), loaded.spec());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static EncoderStore.Loaded loadZip(Path file, NDManager manager) {
        if (!Files.isRegularFile(file)) {
            throw new Ssl4jException(file + ": no such encoder file or directory");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry specEntry = zip.getEntry(SPEC);
            ZipEntry paramsEntry = zip.getEntry(PARAMS);
            if (specEntry == null || paramsEntry == null) {
                throw new Ssl4jException(file + ": not an ssl4j encoder (expected " + SPEC + " and " + PARAMS + ")");
            }
            ExportSpec spec;
            try (InputStream in = zip.getInputStream(specEntry)) {
                spec = JSON.readValue(in, ExportSpec.class);
            }
            if (!FORMAT.equals(spec.format())) {
                throw new Ssl4jException(file + ": encoder format " + spec.format() + " is not " + FORMAT);
            }
            try (InputStream in = zip.getInputStream(paramsEntry)) {
                return EncoderStore.load(spec.encoder(), in, file + "!" + PARAMS, manager);
            }
        } catch (IOException e) {
            throw new Ssl4jException(file + ": damaged encoder file: " + e.getMessage(), e);
        }
    }
}
