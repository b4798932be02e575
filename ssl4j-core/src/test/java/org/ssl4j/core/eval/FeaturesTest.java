package org.ssl4j.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.EngineTest;
import org.ssl4j.core.data.ArraySamples;

/** Frozen features of samples made of clips: each clip encoded, and the clips of a sample averaged or kept. */
class FeaturesTest extends EngineTest {
    @Test
    void clipsOfASampleAreEncodedAndAveraged() {
        // Three videos of two clips, each clip (C, T, H, W) = (1, 1, 1, 2); the "encoder" flattens a clip.
        float[][] videos = {{1, 2, 3, 6}, {0, 0, 4, -4}, {5, 5, 5, 5}};
        ArraySamples data = new ArraySamples(videos, new int[] {2, 1, 1, 1, 2});
        LambdaBlock flatten = new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(-1, 2)));
        NDArray features = Features.extract(flatten, data, manager, 2); // batches of 2 then 1 video
        assertThat(features.getShape().getShape()).containsExactly(3, 2);
        assertThat(features.toFloatArray()).containsExactly(2, 4, 2, -2, 5, 5);
        NDArray clips = Features.extractClips(flatten, data, manager, 2); // the same, not averaged
        assertThat(clips.getShape().getShape()).containsExactly(3, 2, 2);
        assertThat(clips.toFloatArray()).containsExactly(1, 2, 3, 6, 0, 0, 4, -4, 5, 5, 5, 5);
    }
}
