package dev.herald.store.sqlite;

import static dev.herald.store.sqlite.Updates.appendAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.hub.CloseReason;
import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.hub.ResumePoint;
import dev.herald.hub.SubscriberSink;
import dev.herald.hub.Subscription;
import dev.herald.testkit.Poll;
import dev.herald.topic.TopicSelector;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resume through a hub on SQLite, the way a reconnecting browser does after a restart. */
class HubResumeTest {
    @TempDir
    Path dir;
    final ScheduledExecutorService lane = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopLane() {
        lane.shutdownNow();
    }

    private SqliteStoreConfig config(int retention) {
        return SqliteStoreConfig.of(dir.resolve("herald.db")).withRetentionCount(retention);
    }

    @Test
    void resumesAfterAnIdFromBeforeTheRestartWithNothingMissingAndNothingTwice() throws Exception {
        try (SqliteTransport t = SqliteTransport.open(config(100))) {
            appendAll(t, "u", 5);
        }
        try (Hub hub = new Hub(SqliteTransport.open(config(100)), HubConfig.defaults())) {
            RecordingSink sink = subscribe(hub, ResumePoint.after("u3"));
            hub.publish(Update.builder().id("u6").topic("t").data("live").build()).toCompletableFuture().get();

            Poll.until(() -> sink.ids().size() >= 3, Poll.TIMEOUT, () -> "3 events, have " + sink.ids());
            assertThat(sink.header).isEqualTo("u3");
            assertThat(sink.ids()).containsExactly("u4", "u5", "u6");
        }
    }

    @Test
    void anIdTrimmedAwayReplaysEverythingRetainedAndSaysEarliest() throws Exception {
        try (SqliteTransport t = SqliteTransport.open(config(3))) {
            appendAll(t, "u", 6);
            t.trimNow().toCompletableFuture().get();
        }
        try (Hub hub = new Hub(SqliteTransport.open(config(3)), HubConfig.defaults())) {
            RecordingSink sink = subscribe(hub, ResumePoint.after("u1"));

            Poll.until(() -> sink.ids().size() >= 3, Poll.TIMEOUT, () -> "3 events, have " + sink.ids());
            assertThat(sink.header).isEqualTo(ResumePoint.EARLIEST_ID);
            assertThat(sink.ids()).containsExactly("u4", "u5", "u6");
        }
    }

    private RecordingSink subscribe(Hub hub, ResumePoint resume) {
        RecordingSink sink = new RecordingSink(lane);
        hub.subscribe(new Subscription(List.of(TopicSelector.parse("t")), List.of(), resume), sink);
        return sink;
    }

    private static final class RecordingSink implements SubscriberSink {
        private final ScheduledExecutorService lane;
        private final List<StoredUpdate> written = new CopyOnWriteArrayList<>();
        volatile String header;

        RecordingSink(ScheduledExecutorService lane) {
            this.lane = lane;
        }

        List<String> ids() {
            return Updates.ids(written);
        }

        @Override
        public ScheduledExecutorService eventLoop() {
            return lane;
        }

        @Override
        public void open(String lastEventIdHeader) {
            header = lastEventIdHeader;
        }

        @Override
        public void write(StoredUpdate update) {
            written.add(update);
        }

        @Override
        public void heartbeat() {}

        @Override
        public void flush() {}

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void close(CloseReason reason) {}
    }

}
