package dev.herald.store.sqlite;

import static dev.herald.store.sqlite.Updates.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.StoredUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steady publishing must not grow the write-ahead log without end: a checkpoint that runs
 * beside the writer never catches up with it, so the hub has to make the log start over, and
 * hold the writer back when even that falls behind.
 */
class WriteAheadLogTest {
    /** 2 KiB updates. */
    private static final String PAYLOAD = "w".repeat(2 * 1024);

    @TempDir
    Path dir;

    @Test
    void theLogStaysBoundedWhileUpdatesKeepComing() throws Exception {
        Path db = dir.resolve("herald.db");
        Path wal = dir.resolve("herald.db-wal");
        long published = 0;
        long largestLog = 0;
        try (SqliteTransport t = SqliteTransport.open(SqliteStoreConfig.of(db).withRetentionCount(1000))) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            int n = 0;
            while (System.nanoTime() < end) {
                // Keep commits coming back to back: 16 in flight at any time.
                List<CompletableFuture<StoredUpdate>> inFlight = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    inFlight.add(t.append(update("u" + n++, PAYLOAD)).toCompletableFuture());
                }
                for (CompletableFuture<StoredUpdate> f : inFlight) {
                    f.get(30, TimeUnit.SECONDS);
                }
                published += 16L * PAYLOAD.length();
                largestLog = Math.max(largestLog, Files.size(wal));
            }
        }
        System.out.printf("write-ahead log: %d MB published, largest log file %d MB%n", published >> 20, largestLog >> 20);
        // Unchecked, the log holds every page written, about three times the bytes published. The
        // periodic checkpoint starts it over at a fraction of that; when it falls behind (a busy
        // machine), the writer waits at the hard cap. Slack: one retention chunk deleted between
        // the writer's checks.
        assertThat(largestLog).as("largest log file while publishing %d MB", published >> 20)
                .isLessThanOrEqualTo(Checkpointer.LOG_HARD_CAP_BYTES + 16L * 1024 * 1024);
    }
}
