package org.ssl4j.core.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.tensor.Tensors;

/**
 * Frozen features of a dataset: the encoder in inference mode (batch norm on running statistics, no gradients) over
 * every sample once (pooled vectors, or the feature maps for dense probes), or the raw pixels flattened (the raw-pixel baseline of every report).
 */
public final class Features {
    private Features() {}

    /**
     * Runs {@code encoder} over {@code dataset}.
     *
     * @return {@code (N, D)} on {@code manager}
     */
    public static NDArray extract(Block encoder, Dataset dataset, NDManager manager, int batchSize) {
        ParameterStore store = new ParameterStore(manager, false);
        return extract(dataset, manager, batchSize,
                input -> encoder.forward(store, new NDList(input), false).singletonOrThrow());
    }

    /**
     * Runs {@code encoder} over {@code dataset} up to its feature map.
     *
     * @return {@code (N, D, h, w)} on {@code manager}
     */
    public static NDArray extractDense(Backbone encoder, Dataset dataset, NDManager manager, int batchSize) {
        ParameterStore store = new ParameterStore(manager, false);
        return extract(dataset, manager, batchSize, input -> encoder.denseFeatures(store, input, false));
    }

    private static NDArray extract(Dataset dataset, NDManager manager, int batchSize,
            UnaryOperator<NDArray> forward) {
        int[] shape = dataset.sampleShape();
        int length = dataset.sampleLength();
        List<NDArray> parts = new ArrayList<>();
        for (int start = 0; start < dataset.size(); start += batchSize) {
            int n = Math.min(batchSize, dataset.size() - start);
            float[] buffer = new float[n * length];
            for (int i = 0; i < n; i++) {
                dataset.read(start + i, buffer, i * length);
            }
            try (NDManager scope = manager.newSubManager()) {
                Shape batch = new Shape(n, shape[0], shape[1], shape[2]); // (n, C, H, W)
                NDArray features = forward.apply(Tensors.fromHeap(scope, buffer, batch)); // (n, ...)
                features.attach(manager);
                parts.add(features);
            }
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        NDArray all = NDArrays.concat(new NDList(parts.toArray(new NDArray[0])), 0); // (N, ...)
        parts.forEach(NDArray::close);
        return all;
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
