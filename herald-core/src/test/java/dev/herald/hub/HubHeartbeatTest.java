package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.Poll;
import dev.herald.transport.InMemoryTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubHeartbeatTest extends HubFixture {

    @Test
    void idleSubscriberReceivesHeartbeats() {
        TestLane timed = newLane(TestLane.timed("timed-lane"));
        startHub(new InMemoryTransport(100), HubConfig.defaults().withHeartbeat(Duration.ofMillis(50)));
        RecordingSink idle = sink(timed);
        subscribe(idle, ResumePoint.live(), BOOK_1);

        Poll.until("two heartbeats", () -> idle.heartbeats() >= 2);

        assertThat(idle.events()).containsSubsequence("heartbeat", "flush", "heartbeat", "flush");
        assertThat(idle.closeReasons()).isEmpty();
    }

    @Test
    void subscriberWrittenToWithinAnIntervalGetsNoHeartbeatForIt() {
        startHub(new InMemoryTransport(100), HubConfig.defaults().withHeartbeat(Duration.ofMillis(50)));
        RecordingSink idle = sink();
        RecordingSink busy = sink();
        subscribe(idle, ResumePoint.live(), BOOK_1);
        subscribe(busy, ResumePoint.live(), BOOK_2);
        assertThat(lane.periods()).containsExactly(Duration.ofMillis(50).dividedBy(Lane.HEARTBEAT_SLICES));

        lane.tickInterval(); // nothing was written since either opened
        assertThat(List.of(idle.heartbeats(), busy.heartbeats())).containsExactly(1, 1);

        publish("a", BOOK_2);
        settle();
        lane.tickInterval();
        assertThat(List.of(idle.heartbeats(), busy.heartbeats())).containsExactly(2, 1);

        lane.tickInterval(); // busy has been idle for a whole interval now
        assertThat(List.of(idle.heartbeats(), busy.heartbeats())).containsExactly(3, 2);
    }

    @Test
    void heartbeatsAreSpreadOverTheIntervalOneSliceOfSubscribersAtATime() {
        startHub(new InMemoryTransport(100), HubConfig.defaults().withHeartbeat(Duration.ofMillis(50)));
        List<RecordingSink> sinks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RecordingSink idle = sink();
            subscribe(idle, ResumePoint.live(), BOOK_1);
            sinks.add(idle);
        }

        lane.tick();
        long afterOneTick = sinks.stream().filter(s -> s.heartbeats() == 1).count();
        assertThat(afterOneTick).isBetween(1L, (long) Math.ceil(40.0 / Lane.HEARTBEAT_SLICES));

        for (int i = 1; i < Lane.HEARTBEAT_SLICES; i++) {
            lane.tick();
        }
        assertThat(sinks).allSatisfy(s -> assertThat(s.heartbeats()).isEqualTo(1));
    }

    @Test
    void finishingAReplayCountsAsActivity() {
        startHub();
        publish("a", BOOK_1);
        RecordingSink sink = sink();
        subscribe(sink, ResumePoint.earliest(), BOOK_1);

        lane.tickInterval();
        assertThat(sink.heartbeats()).isZero();

        lane.tickInterval();
        assertThat(sink.heartbeats()).isEqualTo(1);
    }
}
