package dev.herald.store.sqlite;

import static dev.herald.store.sqlite.Updates.append;
import static dev.herald.store.sqlite.Updates.appendAll;
import static dev.herald.store.sqlite.Updates.ids;
import static dev.herald.store.sqlite.Updates.readAll;
import static dev.herald.store.sqlite.Updates.sequences;
import static dev.herald.store.sqlite.Updates.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {
    @TempDir
    Path dir;

    private SqliteStoreConfig config() {
        return SqliteStoreConfig.of(dir.resolve("herald.db"));
    }

    @Test
    void keepsUpdatesIdsAndSequencesAcrossARestart() throws Exception {
        try (SqliteTransport t = SqliteTransport.open(config())) {
            appendAll(t, "u", 3);
        }
        try (SqliteTransport t = SqliteTransport.open(config())) {
            assertThat(ids(readAll(t))).containsExactly("u1", "u2", "u3");
            assertThat(sequences(readAll(t))).containsExactly(1L, 2L, 3L);
            assertThat(t.sequenceOf("u2")).hasValue(2);

            assertThat(append(t, update("u4", "after restart")).sequence()).isEqualTo(4);
            assertThat(ids(t.readAfter(t.sequenceOf("u3").getAsLong(), 10))).containsExactly("u4");
        }
    }

    @Test
    void neverReusesASequenceEvenWhenEverythingWasTrimmed() throws Exception {
        try (SqliteTransport t = SqliteTransport.open(config().withRetentionCount(0))) {
            appendAll(t, "u", 5);
            t.trimNow().toCompletableFuture().get();
            assertThat(readAll(t)).isEmpty();
        }
        try (SqliteTransport t = SqliteTransport.open(config())) {
            assertThat(append(t, update("next", "x")).sequence()).isEqualTo(6);
        }
    }

    @Test
    void anotherTransportMayOpenTheFileOnceTheFirstIsClosed() throws Exception {
        SqliteTransport first = SqliteTransport.open(config());
        append(first, update("a", "x"));
        first.close();

        try (SqliteTransport second = SqliteTransport.open(config())) {
            assertThat(ids(readAll(second))).containsExactly("a");
        }
    }
}
