package org.ssl4j.core.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.train.AtomicFiles;

/**
 * Writes the embeddings of a dataset: {@code embeddings.csv} (a header {@code id,label,e0,...}, then one row per
 * sample; the label column is empty for unlabelled data), {@code embeddings.npy} (float32 {@code (N, D)}, rows in the
 * CSV's order) and, for labelled data, {@code labels.npy} (int64 {@code (N)}). Each file is written atomically.
 */
public final class Embeddings {
    private Embeddings() {}

    /**
     * Embeds {@code dataset} with {@code encoder} and writes the files into {@code dir}.
     *
     * @return the number of rows written
     */
    public static int write(Encoder encoder, Dataset dataset, Path dir) throws IOException {
        int d = encoder.numFeatures();
        float[] flat;
        try (NDManager scope = NDManager.newBaseManager()) {
            NDArray features = encoder.embed(dataset, scope); // (N, D)
            flat = features.toFloatArray();
        }
        int n = dataset.size();
        AtomicFiles.write(dir.resolve("embeddings.npy"), out -> Npy.writeFloat32(out, flat, n, d));
        if (dataset.hasLabels()) {
            long[] labels = new long[n];
            for (int i = 0; i < n; i++) {
                labels[i] = dataset.label(i);
            }
            AtomicFiles.write(dir.resolve("labels.npy"), out -> Npy.writeInt64(out, labels));
        }
        AtomicFiles.write(dir.resolve("embeddings.csv"), out -> {
            BufferedWriter csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            csv.write("id,label");
            for (int j = 0; j < d; j++) {
                csv.write(",e" + j);
            }
            csv.write('\n');
            for (int i = 0; i < n; i++) {
                csv.write(quote(dataset.id(i)));
                csv.write(',');
                if (dataset.hasLabels()) {
                    csv.write(Integer.toString(dataset.label(i)));
                }
                for (int j = 0; j < d; j++) {
                    csv.write(',');
                    csv.write(Float.toString(flat[i * d + j]));
                }
                csv.write('\n');
            }
            csv.flush();
        });
        return n;
    }

    /** RFC 4180 quoting for ids that hold a comma, quote or newline (file paths may). */
    private static String quote(String id) {
        if (id.indexOf(',') < 0 && id.indexOf('"') < 0 && id.indexOf('\n') < 0) {
            return id;
        }
        return '"' + id.replace("\"", "\"\"") + '"';
    }
}
