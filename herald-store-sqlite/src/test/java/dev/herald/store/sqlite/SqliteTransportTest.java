package dev.herald.store.sqlite;

import static dev.herald.store.sqlite.Updates.append;
import static dev.herald.store.sqlite.Updates.appendAll;
import static dev.herald.store.sqlite.Updates.ids;
import static dev.herald.store.sqlite.Updates.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.event.SseFrameEncoder;
import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.testkit.Poll;
import dev.herald.transport.TransportClosedException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTransportTest {
    @TempDir
    Path dir;
    SqliteTransport transport;

    @BeforeEach
    void open() {
        transport = SqliteTransport.open(SqliteStoreConfig.of(dir.resolve("herald.db")));
    }

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void storesEveryFieldAndReadsItBackWithTheSameFrame() throws Exception {
        Update u = Update.builder().id("news-1").topics(List.of("news", "news/eu")).data("line 1\nline 2")
                .type("headline").retry(5000L).privateUpdate(true).build();
        StoredUpdate stored = append(transport, u);

        List<StoredUpdate> read = transport.readAfter(0, 10);

        assertThat(stored.sequence()).isEqualTo(1);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).sequence()).isEqualTo(1);
        assertThat(read.get(0).update()).isEqualTo(u);
        assertThat(read.get(0).frame()).isEqualTo(SseFrameEncoder.encode(u));
    }

    @Test
    void keepsEmptyDataAndAbsentOptionalFields() throws Exception {
        Update u = Update.builder().id("e").topic("t").build();
        append(transport, u);

        assertThat(transport.readAfter(0, 10).get(0).update()).isEqualTo(u);
    }

    @Test
    void readAfterPagesBySequenceOldestFirst() throws Exception {
        appendAll(transport, "u", 7);

        assertThat(ids(transport.readAfter(0, 3))).containsExactly("u1", "u2", "u3");
        assertThat(ids(transport.readAfter(3, 3))).containsExactly("u4", "u5", "u6");
        assertThat(ids(transport.readAfter(6, 3))).containsExactly("u7");
        assertThat(transport.readAfter(7, 3)).isEmpty();
    }

    @Test
    void sequenceOfResolvesAReusedIdToItsEarliestSequence() throws Exception {
        append(transport, update("a", "1"));
        append(transport, update("b", "2"));
        append(transport, update("a", "3"));

        assertThat(transport.sequenceOf("a")).hasValue(1);
        assertThat(transport.sequenceOf("b")).hasValue(2);
        assertThat(transport.sequenceOf("unknown")).isEmpty();
    }

    @Test
    void feedsTheListenerOnlyCommittedUpdates() throws Exception {
        List<Boolean> readableWhenSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        transport.listen(u -> readableWhenSeen.add(
                transport.readAfter(u.sequence() - 1, 1).stream().anyMatch(r -> r.sequence() == u.sequence())));

        appendAll(transport, "u", 5);

        // Appends complete before the listener hears of them, so wait for it.
        Poll.until(() -> readableWhenSeen.size() == 5, Poll.TIMEOUT, () -> "the listener to hear 5 updates");
        assertThat(readableWhenSeen).containsExactly(true, true, true, true, true);
    }

    @Test
    void refusesAppendsOnceClosedButCommitsWhatItAcceptedBefore() throws Exception {
        var accepted = transport.append(update("last", "x")).toCompletableFuture();
        transport.close();

        assertThat(accepted.get(10, TimeUnit.SECONDS).update().id()).isEqualTo("last");
        assertThatThrownBy(() -> transport.append(update("late", "x")).toCompletableFuture().get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TransportClosedException.class);
        try (SqliteTransport reopened = SqliteTransport.open(SqliteStoreConfig.of(dir.resolve("herald.db")))) {
            assertThat(ids(reopened.readAfter(0, 10))).containsExactly("last");
        }
    }

    @Test
    void saysItsReadsBlock() {
        assertThat(transport.blockingReads()).isTrue();
    }
}
