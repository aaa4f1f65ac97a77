package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeqTrackerTest {
    private final SeqTracker t = new SeqTracker();

    @Test
    void inOrderDeliveryHasNoLossDuplicateOrReorder() {
        for (long s = 1; s <= 5; s++) {
            assertThat(t.record(s)).isTrue();
        }
        assertThat(t.distinct()).isEqualTo(5);
        assertThat(t.duplicates()).isZero();
        assertThat(t.outOfOrder()).isZero();
        assertThat(t.losses(5)).isZero();
    }

    @Test
    void countsARepeatAsDuplicateNotAsDelivery() {
        t.record(1);
        t.record(2);
        assertThat(t.record(2)).isFalse();
        assertThat(t.record(1)).isFalse();
        assertThat(t.distinct()).isEqualTo(2);
        assertThat(t.duplicates()).isEqualTo(2);
        assertThat(t.outOfOrder()).isZero();
    }

    @Test
    void countsALateArrivalAsOutOfOrder() {
        t.record(1);
        t.record(3);
        t.record(2);
        assertThat(t.outOfOrder()).isEqualTo(1);
        assertThat(t.losses(3)).isZero();
        assertThat(t.maxSeq()).isEqualTo(3);
    }

    @Test
    void lossesAreGapsAndTheMissingTail() {
        t.record(1);
        t.record(4);
        assertThat(t.losses(5)).isEqualTo(3); // 2, 3 and 5
        assertThat(t.losses(0)).isZero();
    }

    @Test
    void nothingReceivedLosesEverythingPublished() {
        assertThat(t.losses(7)).isEqualTo(7);
    }

    @Test
    void rejectsSequencesOutsideThePublishersRange() {
        assertThatThrownBy(() -> t.record(0)).hasMessageContaining("seq out of range: 0");
    }
}
