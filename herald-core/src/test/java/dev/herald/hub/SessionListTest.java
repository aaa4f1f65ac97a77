package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.topic.TopicSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SessionListTest {
    private static final Subscription SUBSCRIPTION =
            new Subscription(List.of(TopicSelector.parse("t")), List.of(), ResumePoint.live());

    private final SessionList list = new SessionList();

    @Test
    void keepsSessionsInTheOrderTheyWereAdded() {
        List<SubscriberSession> added = addSessions(10); // past the initial capacity

        assertThat(contents()).containsExactlyElementsOf(added);
        assertThat(list.liveCount()).isEqualTo(10);
        assertThat(open()).containsExactlyElementsOf(added);
    }

    @Test
    void closedSessionIsSkippedAndNoLongerCountedButStaysUntilCompaction() {
        List<SubscriberSession> added = addSessions(5);

        remove(added.get(1));
        remove(added.get(3));

        assertThat(list.liveCount()).isEqualTo(3);
        assertThat(list.size()).isEqualTo(5);
        assertThat(open()).containsExactly(added.get(0), added.get(2), added.get(4));
    }

    @Test
    void compactsOnceMoreThanSixteenAndMoreThanHalfAreClosed() {
        List<SubscriberSession> added = addSessions(32);

        for (int i = 0; i < 32; i += 2) {
            remove(added.get(i));
        }
        assertThat(list.size()).as("16 of 32 closed: not yet").isEqualTo(32);

        remove(added.get(1));
        assertThat(list.size()).as("17 of 32 closed").isEqualTo(15);
        assertThat(list.liveCount()).isEqualTo(15);
        List<SubscriberSession> expected = new ArrayList<>();
        for (int i = 3; i < 32; i += 2) {
            expected.add(added.get(i));
        }
        assertThat(contents()).containsExactlyElementsOf(expected);
    }

    @Test
    void doesNotCompactWhileMostSessionsAreOpen() {
        List<SubscriberSession> added = addSessions(60);

        for (int i = 0; i < 29; i++) {
            remove(added.get(i));
        }

        assertThat(list.size()).isEqualTo(60);
        assertThat(list.liveCount()).isEqualTo(31);
        assertThat(open()).containsExactlyElementsOf(added.subList(29, 60));
    }

    @Test
    void addingToAFullListReusesTheRoomOfClosedSessions() {
        List<SubscriberSession> added = addSessions(4);
        remove(added.get(0));
        remove(added.get(2));

        SubscriberSession fifth = newSession();
        list.add(fifth);

        assertThat(contents()).containsExactly(added.get(1), added.get(3), fifth);
        assertThat(list.liveCount()).isEqualTo(3);

        // counting restarted with the compaction: closing one more is counted once
        remove(fifth);
        assertThat(list.liveCount()).isEqualTo(2);
    }

    @Test
    void forEachOpenVisitsEverySessionEvenWhenTheActionClosesThem() {
        List<SubscriberSession> added = addSessions(40);
        List<SubscriberSession> visited = new ArrayList<>();

        // what Lane.closeAll does: each visited session is closed and removed on the spot
        list.forEachOpen(s -> {
            visited.add(s);
            remove(s);
        });

        assertThat(visited.stream().map(added::indexOf).toList())
                .as("indexes of the sessions visited")
                .containsExactlyElementsOf(IntStream.range(0, 40).boxed().toList());
        assertThat(list.liveCount()).isZero();
    }

    @Test
    void wantingInMarksTheSessionsOfTheRangeThatAreOpenConnectedAndNotPastTheUpdate() {
        List<RecordingSink> sinks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RecordingSink sink = new RecordingSink(null);
            sinks.add(sink);
            list.add(new SubscriberSession(null, null, SUBSCRIPTION, sink));
        }
        remove(list.get(3));
        sinks.get(5).loseConnection();
        sinks.get(35).loseConnection();

        long expected = 0b1111_1111_1111_1111_1111_1111_1101_0111L; // all of 0..31 but 3 and 5
        assertThat(list.wantingIn(0, SessionList.CHUNK, 1)).isEqualTo(expected);
        assertThat(list.wantingIn(SessionList.CHUNK, 40, 1)).as("bit 0 is the range's first").isEqualTo(0b1111_0111L); // all of 32..39 but 35
        assertThat(list.wantingIn(0, SessionList.CHUNK, 0)).as("nothing is after position 0").isZero();
    }

    private List<SubscriberSession> addSessions(int n) {
        List<SubscriberSession> added = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SubscriberSession s = newSession();
            list.add(s);
            added.add(s);
        }
        return added;
    }

    /** A session that never started: closing it touches nothing but its own state. */
    private static SubscriberSession newSession() {
        return new SubscriberSession(null, null, SUBSCRIPTION, null);
    }

    private void remove(SubscriberSession session) {
        session.close();
        list.noteRemoved();
    }

    private List<SubscriberSession> contents() {
        List<SubscriberSession> contents = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            contents.add(list.get(i));
        }
        return contents;
    }

    private List<SubscriberSession> open() {
        List<SubscriberSession> open = new ArrayList<>();
        list.forEachOpen(open::add);
        return open;
    }
}
