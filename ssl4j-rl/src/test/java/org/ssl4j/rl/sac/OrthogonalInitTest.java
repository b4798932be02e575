package org.ssl4j.rl.sac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.train.Engines;

/** Orthogonal linear weights, delta-orthogonal convolutions, zero biases, repeatable by seed. */
class OrthogonalInitTest {
    @Test
    void linearWeightsHaveOrthonormalRowsOrColumns() {
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            for (int[] size : new int[][] {{4, 6}, {6, 4}, {5, 5}}) {
                float[] w = OrthogonalInit.orthogonal(manager, size[0], size[1], 1);
                boolean wide = size[0] <= size[1];
                int vectors = wide ? size[0] : size[1];
                int length = wide ? size[1] : size[0];
                for (int a = 0; a < vectors; a++) {
                    for (int b = 0; b < vectors; b++) {
                        double dot = 0;
                        for (int k = 0; k < length; k++) {
                            dot += at(w, size[1], wide, a, k) * at(w, size[1], wide, b, k);
                        }
                        assertThat(dot).as("%s vectors %d.%d", java.util.Arrays.toString(size), a, b)
                                .isCloseTo(a == b ? 1 : 0, within(1e-6));
                    }
                }
            }
        }
    }

    private static double at(float[] w, int cols, boolean rows, int vector, int k) {
        return rows ? w[vector * cols + k] : w[k * cols + vector];
    }

    @Test
    void blocksGetOrthogonalWeightsZeroBiasesAndDeltaOrthogonalKernels() {
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            Engines.seed(3);
            SequentialBlock convs = SacBlocks.convolutions(2, 4);
            convs.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 9, 9));
            OrthogonalInit.apply(convs, manager);
            NDArray first = convs.getParameters().get(0).getValue().getArray(); // (4, 3, 3, 3)
            float[] k = first.toFloatArray();
            for (int o = 0; o < 4; o++) {
                for (int i = 0; i < 3; i++) {
                    for (int t = 0; t < 9; t++) {
                        if (t != 4) {
                            assertThat(k[(o * 3 + i) * 9 + t]).isZero();
                        }
                    }
                }
            }
            for (int a = 0; a < 3; a++) { // the centre taps' 3 columns: orthogonal, norm sqrt(2) (the ReLU gain)
                for (int b = 0; b < 3; b++) {
                    double dot = 0;
                    for (int o = 0; o < 4; o++) {
                        dot += k[(o * 3 + a) * 9 + 4] * k[(o * 3 + b) * 9 + 4];
                    }
                    assertThat(dot).isCloseTo(a == b ? 2 : 0, within(1e-5));
                }
            }
            assertThat(convs.getParameters().get(1).getValue().getArray().toFloatArray()).containsOnly(0f);

            SequentialBlock mlp = new SequentialBlock().add(Linear.builder().setUnits(3).build());
            mlp.initialize(manager, DataType.FLOAT32, new Shape(1, 7));
            Engines.seed(5);
            OrthogonalInit.apply(mlp, manager);
            float[] once = mlp.getParameters().get(0).getValue().getArray().toFloatArray();
            Engines.seed(5);
            OrthogonalInit.apply(mlp, manager);
            assertThat(mlp.getParameters().get(0).getValue().getArray().toFloatArray()).containsExactly(once);
            assertThat(mlp.getParameters().get(1).getValue().getArray().toFloatArray()).containsOnly(0f);
        }
    }
}
