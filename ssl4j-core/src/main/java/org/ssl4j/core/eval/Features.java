package org.ssl4j.core.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.tensor.Tensors;

/**
 * Frozen features of a dataset: the encoder in inference mode (batch norm on running statistics, no gradients) over
 * every sample once (pooled vectors, or the feature maps for dense probes), or the raw pixels flattened (the raw-pixel
 * baseline of every report). A sample of shape {@code (clips, C, T, H, W)} is several clips of one video: each clip is
 * encoded and the features are averaged over the clips, the clip-averaged video features of the retrieval and
 * linear protocols in video self-supervised learning (e.g. Xu et al. 2019, Wang et al. 2021 DSM).
 */
public final class Features {
    /**
     * The most input values one forward pass takes (2 Mi floats, 8 MiB): a batch of video clips is capped by it, so
     * that a batch's activations stay in memory and caches whatever the batch size asked (on the 2-core machine a
     * 3D ResNet forward ran at 55 clips/s in batches of 16 clips, 23 clips/s in batches of 84).
     */
    private static final int MAX_BATCH_VALUES = 1 << 21;
    private Features() {}

    /**
     * Runs {@code encoder} over {@code dataset}, {@code batchSize} samples at a time (fewer when the samples are
     * large).
     *
     * @return {@code (N, D)} on {@code manager}
     */
    public static NDArray extract(Block encoder, Dataset dataset, NDManager manager, int batchSize) {
        ParameterStore store = new ParameterStore(manager, false);
        return extract(dataset, manager, batchSize, true,
                input -> encoder.forward(store, new NDList(input), false).singletonOrThrow());
    }

    /**
     * Runs {@code encoder} over every clip of {@code dataset}, whose samples are {@code (clips, C, T, H, W)}, without
     * averaging: the clip-level features of the clip-accuracy protocols.
     *
     * @return {@code (N, clips, D)} on {@code manager}
     */
    public static NDArray extractClips(Block encoder, Dataset dataset, NDManager manager, int batchSize) {
        if (dataset.sampleShape().length != 5) {
            throw new IllegalArgumentException("clip features need samples of clips (clips, C, T, H, W), got "
                    + Arrays.toString(dataset.sampleShape()));
        }
        ParameterStore store = new ParameterStore(manager, false);
        return extract(dataset, manager, batchSize, false,
                input -> encoder.forward(store, new NDList(input), false).singletonOrThrow());
    }

    /**
     * Runs {@code encoder} over {@code dataset} up to its feature map.
     *
     * @return {@code (N, D, h, w)} on {@code manager}
     */
    public static NDArray extractDense(Backbone encoder, Dataset dataset, NDManager manager, int batchSize) {
        ParameterStore store = new ParameterStore(manager, false);
        return extract(dataset, manager, batchSize, true, input -> encoder.denseFeatures(store, input, false));
    }

    /**
     * Runs {@code forward} over {@code dataset}, {@code batchSize} samples at a time (fewer when the samples are
     * large), each batch {@code (n, sampleShape...)} on a scope closed after it (the next batch is read on another
     * thread meanwhile): for a method whose samples hold several inputs and that encodes each part itself. Samples
     * of shape {@code (clips, C, T, H, W)} are encoded clip by clip and averaged, as in {@link #extract(Block,
     * Dataset, NDManager, int)}.
     *
     * @param forward the features of a batch, in inference mode
     * @return {@code (N, ...)} on {@code manager}
     */
    public static NDArray extract(Dataset dataset, NDManager manager, int batchSize, UnaryOperator<NDArray> forward) {
        return extract(dataset, manager, batchSize, true, forward);
    }

    private static NDArray extract(Dataset dataset, NDManager manager, int batchSize, boolean averageClips,
            UnaryOperator<NDArray> forward) {
        int[] shape = dataset.sampleShape();
        int length = dataset.sampleLength();
        int step = Math.max(1, Math.min(batchSize, MAX_BATCH_VALUES / length));
        List<NDArray> parts = new ArrayList<>();
        // The next batch is read (decoded, for video) on another thread while the encoder runs on this one.
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "features-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<float[]> next = reader.submit(() -> read(dataset, 0, step));
            for (int start = 0; start < dataset.size(); start += step) {
                int n = Math.min(step, dataset.size() - start);
                float[] buffer = get(next);
                if (start + step < dataset.size()) {
                    int following = start + step;
                    next = reader.submit(() -> read(dataset, following, step));
                }
                try (NDManager scope = manager.newSubManager()) {
                    NDArray features;
                    if (shape.length == 5) { // (clips, C, T, H, W): one video's clips, each encoded
                        Shape batch = Tensors.batchShape((long) n * shape[0], Arrays.copyOfRange(shape, 1, 5));
                        NDArray perClip = forward.apply(Tensors.fromHeap(scope, buffer, batch)); // (n * clips, ...)
                        Shape rest = perClip.getShape().slice(1);
                        features = perClip.reshape(new Shape(n, shape[0]).addAll(rest)); // (n, clips, ...)
                        features = averageClips ? features.mean(new int[] {1}) : features;
                    } else {
                        Shape batch = Tensors.batchShape(n, shape); // (n, C, H, W)
                        features = forward.apply(Tensors.fromHeap(scope, buffer, batch)); // (n, ...)
                    }
                    features.attach(manager);
                    parts.add(features);
                }
            }
        } finally {
            reader.shutdownNow();
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        NDArray all = NDArrays.concat(new NDList(parts.toArray(new NDArray[0])), 0); // (N, ...)
        parts.forEach(NDArray::close);
        return all;
    }

    /** Samples {@code start} to {@code start + count} (or the end) of {@code dataset}, flat. */
    private static float[] read(Dataset dataset, int start, int count) {
        int n = Math.min(count, dataset.size() - start);
        int length = dataset.sampleLength();
        float[] buffer = new float[n * length];
        for (int i = 0; i < n; i++) {
            dataset.read(start + i, buffer, i * length);
        }
        return buffer;
    }

    /** The read batch, with a reader's error (such as an unreadable file) rethrown as it was. */
    private static float[] get(Future<float[]> batch) {
        try {
            return batch.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading features' input", e);
        }
    }

    /** The raw pixels of {@code dataset} flattened to {@code (N, C*H*W)}. */
    public static NDArray rawPixels(Dataset dataset, NDManager manager) {
        int length = dataset.sampleLength();
        float[] buffer = new float[dataset.size() * length];
        for (int i = 0; i < dataset.size(); i++) {
            dataset.read(i, buffer, i * length);
        }
        return Tensors.fromHeap(manager, buffer, new Shape(dataset.size(), length));
    }

    /** The labels of {@code dataset}; it must be labelled. */
    public static int[] labels(Dataset dataset) {
        if (!dataset.hasLabels()) {
            throw new IllegalArgumentException("dataset has no labels");
        }
        int[] labels = new int[dataset.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = dataset.label(i);
        }
        return labels;
    }
}
