package org.ssl4j.rl.sac;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

/**
 * The networks of SAC from pixels as CURL and SAC-AE build them (Yarats et al. 2019; Laskin et al. 2020): the
 * encoder's convolutions (3x3, 32 filters, the first with stride 2, each followed by a ReLU, then flattened), its
 * head (a linear layer to 50 features and a layer norm), and the actor's and critics' MLPs (two hidden ReLU layers).
 */
public final class SacBlocks {
    private SacBlocks() {}

    /** {@code layers} 3x3 convolutions of {@code filters}, the first with stride 2, ReLUs, flattened. */
    public static SequentialBlock convolutions(int layers, int filters) {
        SequentialBlock block = new SequentialBlock();
        for (int i = 0; i < layers; i++) {
            block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(i == 0 ? new Shape(2, 2)
                    : new Shape(1, 1)).setFilters(filters).build());
            block.add(Activation.reluBlock());
        }
        block.add(Blocks.batchFlattenBlock());
        return block;
    }

    /** A linear layer to {@code features} then a layer norm over them. */
    public static SequentialBlock featureHead(int features) {
        return new SequentialBlock().add(Linear.builder().setUnits(features).build())
                .add(LayerNorm.builder().axis(1).build());
    }

    /** Linear({@code hidden}) - ReLU - Linear({@code hidden}) - ReLU - Linear({@code out}). */
    public static SequentialBlock mlp(int hidden, int out) {
        return new SequentialBlock().add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(out).build());
    }
}
