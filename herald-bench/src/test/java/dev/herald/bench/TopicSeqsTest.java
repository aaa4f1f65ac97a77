package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicSeqsTest {

    @Test
    void aSubscriberThatJoinedLateIsCheckedFromItsFirstUpdateOn() {
        TopicSeqs s = new TopicSeqs();
        for (long seq = 40; seq <= 50; seq++) {
            assertThat(s.record(3, seq)).isEqualTo(TopicSeqs.Outcome.FIRST);
        }

        assertThat(s.gapLosses()).isZero();
        assertThat(s.tailLosses(new long[] {0, 0, 0, 50})).isZero();
        assertThat(s.tailLosses(new long[] {0, 0, 0, 53})).isEqualTo(3);
    }

    @Test
    void aResumeThatSkippedUpdatesLeavesAGap() {
        TopicSeqs s = new TopicSeqs();
        s.record(0, 1);
        s.record(0, 2);
        s.record(0, 5); // 3 and 4 never came
        s.record(1, 10);
        s.record(1, 12);

        assertThat(s.gapLosses()).isEqualTo(3);
    }

    @Test
    void duplicatesAndReorderingAreTold() {
        TopicSeqs s = new TopicSeqs();
        s.record(0, 10);
        s.record(0, 12);

        assertThat(s.record(0, 12)).isEqualTo(TopicSeqs.Outcome.DUPLICATE);
        assertThat(s.record(0, 11)).isEqualTo(TopicSeqs.Outcome.OUT_OF_ORDER);
        assertThat(s.record(0, 9)).isEqualTo(TopicSeqs.Outcome.OUT_OF_ORDER);
        assertThat(s.gapLosses()).isZero(); // 11 arrived after all
    }

    @Test
    void topicsAreAccountedApart() {
        TopicSeqs s = new TopicSeqs();
        s.record(0, 1);
        s.record(1, 1);

        assertThat(s.record(1, 2)).isEqualTo(TopicSeqs.Outcome.FIRST);
        assertThat(s.tailLosses(new long[] {1, 2, 99})).isZero(); // nothing received on topic 2: not checked
    }

    @Test
    void sequencesStartAtOne() {
        assertThatThrownBy(() -> new TopicSeqs().record(0, 0)).hasMessageContaining("positive");
    }

    @Test
    void thePayloadCarriesTopicAndSequence() {
        String data = SoakPayload.format(17, 4242, 1_700_000_000_000_000L, "xxxx");

        assertThat(SoakPayload.parse(data)).isEqualTo(new SoakPayload.Parsed(17, 4242));
        assertThat(SoakPayload.parse("hello")).isNull();
        assertThat(SoakPayload.parse("k=1;seq=;t=1")).isNull();
        assertThat(SoakPayload.parse("k=x;seq=1;t=1")).isNull();
        assertThat(SoakPayload.parse("k=1;seq=0;t=1")).isNull();
    }
}
