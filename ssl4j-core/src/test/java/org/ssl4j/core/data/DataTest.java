package org.ssl4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DataTest {
    /** n samples of one float each, whose value is the index; labels index % classes. */
    static Dataset counting(int n, int classes) {
        return new Dataset() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public int[] sampleShape() {
                return new int[] {1, 1, 1};
            }

            @Override
            public boolean hasLabels() {
                return true;
            }

            @Override
            public int label(int index) {
                return index % classes;
            }

            @Override
            public int numClasses() {
                return classes;
            }

            @Override
            public void read(int index, float[] dst, int offset) {
                dst[offset] = index;
            }
        };
    }

    /** Two views: the value, and the value plus a random draw. */
    static final ViewTransform NOISY = new ViewTransform() {
        @Override
        public int numViews() {
            return 2;
        }

        @Override
        public int[] viewShape(int[] sampleShape) {
            return sampleShape;
        }

        @Override
        public void apply(float[] sample, int[] shape, SplittableRandom random, float[][] views, int position) {
            views[0][position] = sample[0];
            views[1][position] = sample[0] + (float) random.nextDouble();
        }
    };

    private static float[][][] drain(BatchLoader loader) {
        java.util.List<float[][]> out = new java.util.ArrayList<>();
        while (loader.hasNext()) {
            out.add(loader.next().views());
        }
        return out.toArray(new float[0][][]);
    }

    @Test
    void batchesDependOnSeedAndStepOnlyNotOnWorkers() {
        Dataset data = counting(100, 10);
        float[][][] one;
        float[][][] three;
        float[][][] resumed;
        try (BatchLoader a = new BatchLoader(data, NOISY, 16, 5, 0, 20, 1, 2)) {
            one = drain(a);
        }
        try (BatchLoader b = new BatchLoader(data, NOISY, 16, 5, 0, 20, 3, 5)) {
            three = drain(b);
        }
        try (BatchLoader c = new BatchLoader(data, NOISY, 16, 5, 13, 20, 2, 3)) {
            resumed = drain(c);
        }
        assertThat(one).hasNumberOfRows(20);
        assertThat(three).isDeepEqualTo(one);
        assertThat(resumed).isDeepEqualTo(Arrays.copyOfRange(one, 13, 20));
        try (BatchLoader d = new BatchLoader(data, NOISY, 16, 6, 0, 20, 1, 2)) {
            assertThat(java.util.Arrays.deepEquals(drain(d), one)).isFalse();
        }
    }

    @Test
    void eachEpochVisitsDistinctSamplesAndDropsTheRemainder() {
        Dataset data = counting(100, 10);
        assertThat(BatchLoader.stepsPerEpoch(100, 16)).isEqualTo(6);
        try (BatchLoader loader = new BatchLoader(data, NOISY, 16, 1, 0, 6, 1, 2)) {
            float[][][] epoch = drain(loader);
            long distinct = Arrays.stream(epoch).flatMap(v -> {
                java.util.List<Float> values = new java.util.ArrayList<>();
                for (float f : v[0]) {
                    values.add(f);
                }
                return values.stream();
            }).distinct().count();
            assertThat(distinct).isEqualTo(96);
        }
    }

    @Test
    void stratifiedSplitHasExactSizesAndKeepsProportions() {
        int[] labels = new int[10_000];
        int[] counts = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};
        for (int c = 0, i = 0; c < 10; c++) {
            for (int k = 0; k < counts[c]; k++) {
                labels[i++] = c;
            }
        }
        Splits.Split split = Splits.stratified(labels, 0.2, 0);
        assertThat(split.train()).hasSize(8000);
        assertThat(split.test()).hasSize(2000);
        int[] testCounts = new int[10];
        for (int i : split.test()) {
            testCounts[labels[i]]++;
        }
        for (int c = 0; c < 10; c++) {
            assertThat(Math.abs(testCounts[c] - counts[c] * 0.2)).isLessThan(1.0);
        }
        int[] all = new int[10_000];
        System.arraycopy(split.train(), 0, all, 0, 8000);
        System.arraycopy(split.test(), 0, all, 8000, 2000);
        assertThat(Arrays.stream(all).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, 10_000).toArray());
        assertThat(Splits.stratified(labels, 0.2, 0).test()).isEqualTo(split.test());
        assertThat(Splits.stratified(labels, 0.2, 1).test()).isNotEqualTo(split.test());
    }

    @Test
    void labelFractionIsClassBalancedDeterministicAndAscending() {
        int[] labels = new int[8000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (i * 7) % 10;
        }
        int[] subset = Splits.labelFraction(labels, 0.01, 3);
        assertThat(subset).hasSize(80).isSorted();
        int[] perClass = new int[10];
        for (int i : subset) {
            perClass[labels[i]]++;
        }
        assertThat(perClass).containsOnly(8);
        assertThat(Splits.labelFraction(labels, 0.01, 3)).containsExactly(subset);
        assertThat(Splits.labelFraction(labels, 0.01, 4)).isNotEqualTo(subset);
        assertThat(Splits.labelFraction(labels, 1.0, 3)).hasSize(8000);
    }

    @Test
    void subsetMapsIndices() {
        Subset subset = new Subset(counting(10, 3), new int[] {7, 2});
        float[] out = new float[2];
        subset.read(0, out, 0);
        subset.read(1, out, 1);
        assertThat(out).containsExactly(7f, 2f);
        assertThat(subset.label(0)).isEqualTo(1);
    }

    @Test
    void arraySamplesReadBackAndRejectAWrongLength() {
        float[][] samples = {{1, 2, 3, 4}, {5, 6, 7, 8}};
        ArraySamples data = new ArraySamples(samples, new int[] {1, 2, 2});
        float[] out = new float[5];
        data.read(1, out, 1);
        assertThat(out).containsExactly(0f, 5f, 6f, 7f, 8f);
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.sampleShape()).containsExactly(1, 2, 2);
        assertThat(data.hasLabels()).isFalse();
        assertThatThrownBy(() -> new ArraySamples(new float[][] {{1, 2, 3, 4}, {1, 2}}, new int[] {1, 2, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image 1 has 2 floats; shape [1, 2, 2] takes 4");
    }
}
