package org.ssl4j.continual.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ssl4j.core.Ssl4jException;

/** The three stream orders: which classes each batch holds, the official blending fractions, seeding. */
class ClassStreamTest {
    /** 3 classes of 4 samples, labels 7, 2, 5 interleaved: sorted, the stream visits 2, 5, 7. */
    private static final int[] LABELS = {7, 2, 5, 2, 7, 5, 5, 2, 7, 2, 5, 7};

    @Test
    void theSequentialStreamShowsOneClassAtATimeInAscendingOrder() {
        ClassStream stream = new ClassStream(LABELS, ClassStream.Order.SEQUENTIAL, 16, 10, 0);
        assertThat(stream.classes()).containsExactly(2, 5, 7);
        assertThat(stream.steps()).isEqualTo(30);
        for (long step = 0; step < 40; step++) { // past the end the last class goes on
            int expected = new int[] {2, 5, 7}[(int) Math.min(step / 10, 2)];
            assertThat(stream.period(step)).isEqualTo((int) Math.min(step / 10, 2));
            for (int i : stream.batch(step)) {
                assertThat(LABELS[i]).as("step %d", step).isEqualTo(expected);
            }
        }
    }

    /**
     * Periods of S = 100 steps, batches of 100: step 100 (t = 0) takes int(50 - 0) = 50 from the previous class, t
     * = 24 takes 2, t = 25 none; t = 80 takes int(160 - 150) = 10 from the next, t = 99 takes 48; the first class's
     * first quarter and the last class's last quarter blend nothing.
     */
    @Test
    void theSmoothStreamBlendsNeighboursAsTheOfficialCode() {
        ClassStream stream = new ClassStream(LABELS, ClassStream.Order.SMOOTH, 100, 100, 3);
        assertThat(count(stream.batch(100), 2)).isEqualTo(50);
        assertThat(count(stream.batch(124), 2)).isEqualTo(2);
        assertThat(count(stream.batch(125), 2)).isZero();
        assertThat(count(stream.batch(180), 7)).isEqualTo(10);
        assertThat(count(stream.batch(199), 7)).isEqualTo(48);
        assertThat(count(stream.batch(199), 5)).isEqualTo(52);
        assertThat(count(stream.batch(0), 2)).isEqualTo(100);
        assertThat(count(stream.batch(299), 7)).isEqualTo(100);
    }

    @Test
    void theIidStreamMixesEveryClassAndEveryStreamRepeatsBySeed() {
        ClassStream iid = new ClassStream(LABELS, ClassStream.Order.IID, 64, 10, 1);
        Set<Integer> seen = new HashSet<>();
        for (int i : iid.batch(0)) {
            seen.add(LABELS[i]);
        }
        assertThat(seen).containsExactlyInAnyOrder(2, 5, 7);
        for (ClassStream.Order order : ClassStream.Order.values()) {
            ClassStream a = new ClassStream(LABELS, order, 32, 10, 9);
            ClassStream b = new ClassStream(LABELS, order, 32, 10, 9);
            ClassStream other = new ClassStream(LABELS, order, 32, 10, 10);
            assertThat(b.batch(13)).containsExactly(a.batch(13));
            assertThat(other.batch(13)).isNotEqualTo(a.batch(13));
        }
        assertThatThrownBy(() -> new ClassStream(LABELS, ClassStream.Order.IID, 0, 10, 0))
                .isInstanceOf(Ssl4jException.class).hasMessageContaining("batch size and steps per class");
    }

    private static int count(int[] batch, int label) {
        int n = 0;
        for (int i : batch) {
            n += LABELS[i] == label ? 1 : 0;
        }
        return n;
    }
}
