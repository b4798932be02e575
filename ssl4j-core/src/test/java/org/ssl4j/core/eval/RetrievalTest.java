package org.ssl4j.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;
import org.ssl4j.core.Ssl4jException;

/** Retrieval R@k on a hand-ranked case. */
class RetrievalTest extends EngineTest {
    @Test
    void recallCountsQueriesWithTheirClassAmongTheKNearest() {
        // Gallery: (1, 0) class 0, (0.8, 0.6) class 1, (0, 1) class 1, (-1, 0) class 0.
        NDArray train = manager.create(new float[] {1, 0, 0.8f, 0.6f, 0, 1, -1, 0}, new Shape(4, 2));
        int[] trainLabels = {0, 1, 1, 0};
        // By cosine similarity, the first neighbour of each query's class ranks:
        //   (1, 0.05) class 0 -> 1st; (1, 0.05) class 1 -> 2nd; (-1, 0.2) class 1 -> 2nd; (0.6, 0.8) class 0 -> 3rd.
        NDArray test = manager.create(new float[] {1, 0.05f, 1, 0.05f, -1, 0.2f, 0.6f, 0.8f}, new Shape(4, 2));
        int[] testLabels = {0, 1, 1, 0};
        double[] r = Retrieval.recallAtK(train, trainLabels, test, testLabels, 1, 2, 3, 5);
        assertThat(r).containsExactly(0.25, 0.75, 1.0, 1.0);
    }

    @Test
    void badKIsAOneLineError() {
        NDArray x = manager.create(new float[] {1, 0}, new Shape(1, 2));
        assertThatThrownBy(() -> Retrieval.recallAtK(x, new int[] {0}, x, new int[] {0}, 0))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("k must be >= 1");
    }
}
