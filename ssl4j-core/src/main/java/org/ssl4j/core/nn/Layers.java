package org.ssl4j.core.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;

/** Package-private builders for the conv-BN-ReLU pieces the backbones share, with the batch-norm flavour chosen once. */
public final class Layers {
    private final int batchNormSplits;

    /**
     * @param batchNormSplits 1 for ordinary batch norm, more for {@link SplitBatchNorm} with that many splits
     */
    public Layers(int batchNormSplits) {
        if (batchNormSplits < 1) {
            throw new IllegalArgumentException("batch-norm splits must be >= 1: " + batchNormSplits);
        }
        this.batchNormSplits = batchNormSplits;
    }

    /** A bias-free {@code k x k} convolution with "same" padding for odd {@code k}. */
    public Block conv(int filters, int kernel, int stride) {
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
    public Block batchNorm() {
        if (batchNormSplits > 1) {
            return new SplitBatchNorm(batchNormSplits);
        }
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }

    /**
     * A bias-free 3D convolution over {@code (B, C, T, H, W)}.
     *
     * @param kernel {@code (kt, kh, kw)}
     * @param stride {@code (st, sh, sw)}
     * @param padding {@code (pt, ph, pw)}
     */
    public Block conv3d(int filters, Shape kernel, Shape stride, Shape padding) {
        return Conv3d.builder()
                .setFilters(filters)
                .setKernelShape(kernel)
                .optStride(stride)
                .optPadding(padding)
                .optBias(false)
                .build();
    }

    /** conv, batch norm, ReLU. */
    public SequentialBlock convBnRelu(int filters, int kernel, int stride) {
        return new SequentialBlock().add(conv(filters, kernel, stride)).add(batchNorm()).add(Activation.reluBlock());
    }

    /** The residual unit {@code relu(main(x) + shortcut(x))} of the ResNets, 2D and 3D. */
    public static Block residual(Block main, Block shortcut) {
        return new SequentialBlock()
                .add(new ParallelBlock(
                        outputs -> new NDList(outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())),
                        List.of(main, shortcut)))
                .add(Activation.reluBlock());
    }
}
