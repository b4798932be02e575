package org.ssl4j.image;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ssl4j.core.data.BatchLoader;
import org.ssl4j.core.data.Subset;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.method.Methods;
import org.ssl4j.core.nn.Backbones;
import org.ssl4j.core.optim.Optimizers;
import org.ssl4j.core.optim.StatefulOptimizer;
import org.ssl4j.core.recipe.Recipe;
import org.ssl4j.core.recipe.RecipeLoader;
import org.ssl4j.core.train.Engines;
import org.ssl4j.core.train.Pretrainer;
import org.ssl4j.core.train.StepInfo;
import org.ssl4j.image.augment.SimClrAugmentation;
import org.ssl4j.image.data.ImageData;

/** Every registered image method pretrains two steps on tiny data: finite loss, every trained parameter moves. */
class MethodContractTest {
    private static final Methods METHODS = ImageMethods.register(Methods.builder()).build();

    static List<String> names() {
        return new ArrayList<>(METHODS.names());
    }

    @ParameterizedTest
    @MethodSource("names")
    void twoStepsGiveFiniteLossAndMoveEveryParameter(String name) {
        Recipe recipe = new RecipeLoader(METHODS).load(name, new ByteArrayInputStream(
                ("method: {name: " + name + "}\naugment: {flip: 0}\nbackbone: {batchNormSplits: 2}\n").getBytes(StandardCharsets.UTF_8)), List.of());
        Engines.seed(0);
        Method method = METHODS.create(recipe.method(), () -> Backbones.create(recipe.backbone()));
        assertThat(method.name()).isEqualTo(name);
        Subset data = new Subset(ImageData.bundledMnist(), java.util.stream.IntStream.range(0, 64).map(i -> i * 150)
                .toArray());
        SimClrAugmentation augmentation = new SimClrAugmentation(recipe.augment(), 28);
        try (NDManager manager = Engines.pytorch().newBaseManager();
                BatchLoader loader = new BatchLoader(data, augmentation, 16, 0, 0, 2, 1, 2)) {
            method.initialize(manager, new Shape(16, 1, 28, 28));
            List<float[]> before = new ArrayList<>();
            for (Pair<String, Parameter> p : method.parameters()) {
                before.add(p.getValue().getArray().toFloatArray());
            }
            StatefulOptimizer optimizer = Optimizers.create(recipe.optim());
            StepInfo last = new Pretrainer(method, optimizer, Optimizers.warmupCosine(1e-2f, 0, 2), 4, null, List.of())
                    .run(manager, loader, 0, 2);
            assertThat(Float.isFinite(last.loss())).isTrue();
            int i = 0;
            for (Pair<String, Parameter> p : method.parameters()) {
                NDArray now = p.getValue().getArray();
                assertThat(now.toFloatArray()).as("parameter %s", p.getKey()).isNotEqualTo(before.get(i++));
            }
            // No step leaves arrays behind on the long-lived manager: the count after 2 and after 6 steps is equal.
            int arraysAfterTwo = manager.getManagedArrays().size();
            try (BatchLoader more = new BatchLoader(data, augmentation, 16, 0, 2, 6, 1, 2)) {
                new Pretrainer(method, optimizer, Optimizers.warmupCosine(1e-2f, 0, 6), 4, null, List.of())
                        .run(manager, more, 2, 6);
            }
            assertThat(manager.getManagedArrays()).hasSize(arraysAfterTwo);
        }
    }
}
