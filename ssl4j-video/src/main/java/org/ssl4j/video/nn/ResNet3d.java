package org.ssl4j.video.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.nn.Layers;
import org.ssl4j.core.nn.SequentialBackbone;

/**
 * The video ResNets of Tran et al. 2018 ("A Closer Look at Spatiotemporal Convolutions for Action Recognition"), as
 * torchvision builds them: {@link Kind#R3D} with full 3x3x3 convolutions, and {@link Kind#R2PLUS1D}, where each is
 * factored into a 1x3x3 spatial and a 3x1x1 temporal convolution with as many intermediate channels as keep the
 * parameter count (eq. 2 of the paper: {@code M = floor(t d^2 N_{i-1} N_i / (d^2 N_{i-1} + t N_i))}). Input clips are
 * {@code (B, 3, T, H, W)}; the stem strides space by 2, stages 2 to 4 stride time and space by 2; global average
 * pooling gives {@code 512 * width} features.
 *
 * <p>Depth 18 has two basic blocks per stage, depth 10 one. The width multiplier scales every channel count, so
 * {@link #small} (R(2+1)D-10 at a quarter of the width: 16 to 128 channels, 783,103 parameters; forward and backward
 * of 16 clips of 8x64x64 in 0.48 s on the 2-core development machine) trains on CPU-sized clips,
 * while {@code R3D-18} and {@code R(2+1)D-18} at width 1 match torchvision's parameter counts exactly.
 */
public final class ResNet3d extends SequentialBackbone {
    /** The kind of convolution. */
    public enum Kind {
        /** Full 3x3x3 convolutions. */
        R3D,
        /** (2+1)D: 1x3x3 spatial then 3x1x1 temporal. */
        R2PLUS1D
    }

    /**
     * @param kind the convolution
     * @param depth 10 or 18
     * @param width channel multiplier in (0, 4]: 1 is the paper's 64-128-256-512
     * @param batchNormSplits 1 for ordinary batch norm, more for split batch norm
     */
    public ResNet3d(Kind kind, int depth, double width, int batchNormSplits) {
        super(layers(kind, depth, width, new Layers(batchNormSplits)), channels(512, width));
    }

    /** The CPU-sized variant: R(2+1)D-10 at a quarter of the width. */
    public static ResNet3d small(int batchNormSplits) {
        return new ResNet3d(Kind.R2PLUS1D, 10, 0.25, batchNormSplits);
    }

    private static int channels(int base, double width) {
        return Math.max(1, (int) Math.round(base * width));
    }

    private static SequentialBlock layers(Kind kind, int depth, double width, Layers layers) {
        Ssl4jException.check(depth == 10 || depth == 18, "3D ResNet depth must be 10 or 18, got %d", depth);
        Ssl4jException.check(width > 0 && width <= 4, "backbone.width must be in (0, 4] for a 3D ResNet: %s", width);
        int blocks = depth == 18 ? 2 : 1;
        SequentialBlock net = new SequentialBlock();
        int stem = channels(64, width);
        if (kind == Kind.R3D) {
            net.add(convBnRelu(layers, stem, new Shape(3, 7, 7), new Shape(1, 2, 2), new Shape(1, 3, 3)));
        } else {
            net.add(convBnRelu(layers, channels(45, width), new Shape(1, 7, 7), new Shape(1, 2, 2), new Shape(0, 3, 3)))
                    .add(convBnRelu(layers, stem, new Shape(3, 1, 1), new Shape(1, 1, 1), new Shape(1, 0, 0)));
        }
        int in = stem;
        for (int stage = 0; stage < 4; stage++) {
            int planes = channels(64 << stage, width);
            for (int b = 0; b < blocks; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                // torchvision computes one intermediate width per block, from its input and output channels.
                int mid = in * planes * 27 / (in * 9 + 3 * planes);
                Block main = new SequentialBlock()
                        .add(conv(kind, layers, planes, mid, stride))
                        .add(layers.batchNorm())
                        .add(Activation.reluBlock())
                        .add(conv(kind, layers, planes, mid, 1))
                        .add(layers.batchNorm());
                Block shortcut = stride != 1 || in != planes
                        ? new SequentialBlock()
                                .add(layers.conv3d(planes, new Shape(1, 1, 1), cube(stride), new Shape(0, 0, 0)))
                                .add(layers.batchNorm())
                        : Blocks.identityBlock();
                net.add(Layers.residual(main, shortcut));
                in = planes;
            }
        }
        return net.add(Pool.globalAvgPool3dBlock()).add(Blocks.batchFlattenBlock());
    }

    /** A 3x3x3 convolution, or its (2+1)D factorisation through {@code mid} channels. */
    private static Block conv(Kind kind, Layers layers, int out, int mid, int stride) {
        if (kind == Kind.R3D) {
            return layers.conv3d(out, cube(3), cube(stride), cube(1));
        }
        return new SequentialBlock()
                .add(layers.conv3d(mid, new Shape(1, 3, 3), new Shape(1, stride, stride), new Shape(0, 1, 1)))
                .add(layers.batchNorm())
                .add(Activation.reluBlock())
                .add(layers.conv3d(out, new Shape(3, 1, 1), new Shape(stride, 1, 1), new Shape(1, 0, 0)));
    }

    private static SequentialBlock convBnRelu(Layers layers, int out, Shape kernel, Shape stride, Shape padding) {
        return new SequentialBlock().add(layers.conv3d(out, kernel, stride, padding)).add(layers.batchNorm())
                .add(Activation.reluBlock());
    }

    private static Shape cube(int n) {
        return new Shape(n, n, n);
    }
}
