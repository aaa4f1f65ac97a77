package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResumePointTest {

    @Test
    void liveHasNoLastEventId() {
        ResumePoint live = ResumePoint.live();

        assertThat(live.isLive()).isTrue();
        assertThat(live.isEarliest()).isFalse();
        assertThat(live.lastEventId()).isNull();
    }

    @Test
    void earliestIsTheReservedId() {
        assertThat(ResumePoint.earliest().isEarliest()).isTrue();
        assertThat(ResumePoint.earliest().lastEventId()).isEqualTo("earliest");
        assertThat(ResumePoint.after("earliest")).isSameAs(ResumePoint.earliest());
    }

    @Test
    void afterKeepsTheClientsId() {
        ResumePoint after = ResumePoint.after("urn:uuid:1");

        assertThat(after.isLive()).isFalse();
        assertThat(after.isEarliest()).isFalse();
        assertThat(after.lastEventId()).isEqualTo("urn:uuid:1");
    }

    @Test
    void afterRejectsNull() {
        assertThatThrownBy(() -> ResumePoint.after(null)).isInstanceOf(NullPointerException.class);
    }
}
