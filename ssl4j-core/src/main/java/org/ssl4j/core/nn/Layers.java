package org.ssl4j.core.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** Package-private builders for the conv-BN-ReLU pieces the backbones share, with the batch-norm flavour chosen once. */
final class Layers {
    private final int batchNormSplits;

    /**
     * @param batchNormSplits 1 for ordinary batch norm, more for {@link SplitBatchNorm} with that many splits
     */
    Layers(int batchNormSplits) {
        if (batchNormSplits < 1) {
            throw new IllegalArgumentException("batch-norm splits must be >= 1: " + batchNormSplits);
        }
        this.batchNormSplits = batchNormSplits;
    }

    /** A bias-free {@code k x k} convolution with "same" padding for odd {@code k}. */
    Block conv(int filters, int kernel, int stride) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optBias(false)
                .build();
    }

    /**
     * Batch normalisation over the channel axis with PyTorch's defaults (eps 1e-5, running-average momentum 0.1),
     * split if so configured.
     */
    Block batchNorm() {
        if (batchNormSplits > 1) {
            return new SplitBatchNorm(batchNormSplits);
        }
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }

    /** conv, batch norm, ReLU. */
    SequentialBlock convBnRelu(int filters, int kernel, int stride) {
        return new SequentialBlock().add(conv(filters, kernel, stride)).add(batchNorm()).add(Activation.reluBlock());
    }
}
