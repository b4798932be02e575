package org.ssl4j.core.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.ssl4j.core.data.ArraySamples;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.eval.Features;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.train.EncoderStore;

/**
 * A trained encoder ready to embed images: the backbone in inference mode (batch norm on running statistics) with its
 * own manager. Obtain one with {@link Encoders#load}; close it to free its native memory.
 *
 * <pre>{@code
 * try (Encoder encoder = Encoders.load(Path.of("encoder.zip"))) {
 *     float[][] embeddings = encoder.embed(images); // images: {C * H * W} floats in [0, 1] each
 * }
 * }</pre>
 */
public final class Encoder implements AutoCloseable {
    private static final int BATCH = 256;

    private final NDManager manager;
    private final Backbone backbone;
    private final EncoderStore.Spec spec;

    Encoder(NDManager manager, Backbone backbone, EncoderStore.Spec spec) {
        this.manager = manager;
        this.backbone = backbone;
        this.spec = spec;
    }

    /** The width {@code D} of an embedding. */
    public int numFeatures() {
        return backbone.numFeatures();
    }

    /** The shape of one input image, {@code [C, H, W]}. */
    public List<Integer> inputShape() {
        return spec.inputShape();
    }

    private int[] shape() {
        return inputShape().stream().mapToInt(Integer::intValue).toArray();
    }

    /** What the encoder was stored with: architecture, input shape and method. */
    EncoderStore.Spec spec() {
        return spec;
    }

    /** The method that trained the encoder, e.g. {@code moco}. */
    public String method() {
        return spec.method();
    }

    /** The backbone, for use as a DJL block (its parameters live on this encoder's manager). */
    public Backbone backbone() {
        return backbone;
    }

    /**
     * Embeds images.
     *
     * @param images each {@code C * H * W} floats in [0, 1], channel-major, of {@link #inputShape()}
     * @return one {@code D}-float embedding per image
     */
    public float[][] embed(float[][] images) {
        Dataset dataset = new ArraySamples(images, shape());
        try (NDManager scope = manager.newSubManager()) {
            NDArray features = embed(dataset, scope); // (N, D)
            float[] flat = features.toFloatArray();
            float[][] out = new float[images.length][numFeatures()];
            for (int i = 0; i < images.length; i++) {
                System.arraycopy(flat, i * numFeatures(), out[i], 0, numFeatures());
            }
            return out;
        }
    }

    /**
     * Embeds every sample of {@code dataset}: {@code (N, D)} on {@code target}. A sample is one input of
     * {@link #inputShape()}, or several clips of it (a video encoder's {@code (clips, 3, T, H, W)}), whose embeddings
     * are averaged.
     */
    public NDArray embed(Dataset dataset, NDManager target) {
        int[] sample = dataset.sampleShape();
        boolean clips = sample.length == 5 && shape().length == 4
                && java.util.Arrays.equals(java.util.Arrays.copyOfRange(sample, 1, 5), shape());
        if (!clips && !java.util.Arrays.equals(sample, shape())) {
            throw new IllegalArgumentException("samples of shape " + java.util.Arrays.toString(dataset.sampleShape())
                    + " do not fit this encoder's input " + inputShape());
        }
        return Features.extract(backbone, dataset, target, BATCH);
    }

    @Override
    public void close() {
        manager.close();
    }
}
