package org.ssl4j.video.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;

/** Offsets and lengths of a multi-part sample, and the refusal of a sample of another shape. */
class SampleLayoutTest {
    @Test
    void partsLieEndToEnd() {
        int[] clip = {3, 2, 4, 4};
        SampleLayout layout = new SampleLayout("a clip and its sound", clip, new int[] {1, 5, 7});
        clip[0] = 9; // the layout keeps its own copy
        assertThat(layout.shape(0)).containsExactly(3, 2, 4, 4);
        assertThat(layout.offset(0)).isZero();
        assertThat(layout.length(0)).isEqualTo(96);
        assertThat(layout.offset(1)).isEqualTo(96);
        assertThat(layout.length(1)).isEqualTo(35);
        assertThat(layout.sampleLength()).isEqualTo(131);
        assertThat(layout.sampleShape()).containsExactly(131);
        layout.check(new int[] {131});
        assertThatThrownBy(() -> layout.check(new int[] {3, 2, 4, 4})).isInstanceOf(Ssl4jException.class)
                .hasMessage("these views need samples of 131 floats (a clip and its sound), got [3, 2, 4, 4]");
        assertThatThrownBy(() -> layout.check(new int[] {130})).isInstanceOf(Ssl4jException.class);
    }
}
