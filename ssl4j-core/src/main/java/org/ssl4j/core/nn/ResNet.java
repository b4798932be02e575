package org.ssl4j.core.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;

/**
 * The standard ResNet of He et al. 2016 as in torchvision (not DJL's {@code ResNetV1}, which uses bottlenecks even at
 * 18 layers): BasicBlock for ResNet-10/18/34, Bottleneck (expansion 4, stride on the 3x3 conv) for ResNet-50/101, a
 * 1x1 projection shortcut where shape changes, and global average pooling.
 *
 * <p>Two stems: {@link Stem#IMAGENET} (7x7/2 conv and 3x3/2 max pool) and {@link Stem#CIFAR} (3x3/1 conv and no pool),
 * the SimCLR CIFAR-10 variant for small inputs. The width multiplier scales every stage (64, 128, 256, 512 times
 * {@code width}).
 */
public final class ResNet extends SequentialBackbone {
    /** The first layers of the network. */
    public enum Stem {
        /** 7x7 stride-2 conv then 3x3 stride-2 max pool, for 224x224 inputs. */
        IMAGENET,
        /** 3x3 stride-1 conv and no pooling, for 32x32 inputs (SimCLR appendix B.9). */
        CIFAR
    }

    /**
     * @param depth 10 (one BasicBlock per stage, the keyframe encoder of context and motion decoupling), 18, 34, 50
     *     or 101
     * @param stem the stem
     * @param width stage width multiplier, at least 1
     * @param batchNormSplits 1 for ordinary batch norm, more for {@link SplitBatchNorm}
     */
    public ResNet(int depth, Stem stem, int width, int batchNormSplits) {
        super(layers(depth, stem, width, new Layers(batchNormSplits)), 512 * width * (bottleneck(depth) ? 4 : 1));
    }

    private static boolean bottleneck(int depth) {
        return depth >= 50;
    }

    private static int[] blocksPerStage(int depth) {
        return switch (depth) {
            case 10 -> new int[] {1, 1, 1, 1};
            case 18 -> new int[] {2, 2, 2, 2};
            case 34, 50 -> new int[] {3, 4, 6, 3};
            case 101 -> new int[] {3, 4, 23, 3};
            default -> throw new IllegalArgumentException("ResNet depth must be 10, 18, 34, 50 or 101: " + depth);
        };
    }

    private static SequentialBlock layers(int depth, Stem stem, int width, Layers layers) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1: " + width);
        }
        int[] blocks = blocksPerStage(depth);
        boolean bottleneck = bottleneck(depth);
        int expansion = bottleneck ? 4 : 1;
        SequentialBlock net = new SequentialBlock();
        if (stem == Stem.IMAGENET) {
            net.add(layers.convBnRelu(64 * width, 7, 2))
                    .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        } else {
            net.add(layers.convBnRelu(64 * width, 3, 1));
        }
        int inChannels = 64 * width;
        for (int stage = 0; stage < 4; stage++) {
            int planes = (64 << stage) * width;
            for (int b = 0; b < blocks[stage]; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                boolean project = stride != 1 || inChannels != planes * expansion;
                net.add(Layers.residual(bottleneck ? bottleneckPath(layers, planes, stride) : basicPath(layers, planes, stride),
                        project ? projection(layers, planes * expansion, stride) : Blocks.identityBlock()));
                inChannels = planes * expansion;
            }
        }
        return net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
    }

    /** 3x3 conv (stride) - BN - ReLU - 3x3 conv - BN. */
    private static Block basicPath(Layers layers, int planes, int stride) {
        return new SequentialBlock()
                .add(layers.convBnRelu(planes, 3, stride))
                .add(layers.conv(planes, 3, 1))
                .add(layers.batchNorm());
    }

    /** 1x1 conv - BN - ReLU - 3x3 conv (stride) - BN - ReLU - 1x1 conv (4 planes) - BN. */
    private static Block bottleneckPath(Layers layers, int planes, int stride) {
        return new SequentialBlock()
                .add(layers.convBnRelu(planes, 1, 1))
                .add(layers.convBnRelu(planes, 3, stride))
                .add(layers.conv(planes * 4, 1, 1))
                .add(layers.batchNorm());
    }

    /** 1x1 conv (stride) - BN shortcut. */
    private static Block projection(Layers layers, int channels, int stride) {
        return new SequentialBlock().add(layers.conv(channels, 1, stride)).add(layers.batchNorm());
    }
}
