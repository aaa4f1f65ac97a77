package dev.herald.store.sqlite;

import static dev.herald.store.sqlite.Updates.append;
import static dev.herald.store.sqlite.Updates.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.StoredUpdate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void concurrentAppendsAllCompleteWithUniqueIncreasingSequencesInListenerOrder() throws Exception {
        int threads = 16;
        int perThread = 300;
        List<StoredUpdate> heard = new CopyOnWriteArrayList<>();
        try (SqliteTransport t = SqliteTransport.open(SqliteStoreConfig.of(dir.resolve("herald.db"))
                .withDurability(Durability.SYNC))) {
            t.listen(heard::add);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int p = 0; p < threads; p++) {
                int publisher = p;
                results.add(pool.submit(() -> {
                    List<Long> sequences = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        sequences.add(append(t, update("p" + publisher + "-" + i, "x")).sequence());
                    }
                    return sequences;
                }));
            }
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> r : results) {
                List<Long> sequences = r.get(60, TimeUnit.SECONDS);
                assertThat(sequences).isSorted().doesNotHaveDuplicates();
                all.addAll(sequences);
            }
            pool.shutdown();

            int total = threads * perThread;
            assertThat(all).hasSize(total);
            assertThat(all).allMatch(s -> s >= 1 && s <= total);
            assertThat(heard).extracting(StoredUpdate::sequence).isSorted().doesNotHaveDuplicates().hasSize(total);
            assertThat(Updates.readAll(t)).extracting(StoredUpdate::sequence).containsExactlyElementsOf(
                    heard.stream().map(StoredUpdate::sequence).toList());
        }
    }

    @Test
    void appendsQueuedDuringACommitShareTheNextTransaction() throws Exception {
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (SqliteTransport t = SqliteTransport.open(SqliteStoreConfig.of(dir.resolve("herald.db")))) {
            t.listen(u -> {
                if (u.sequence() == 1) {
                    writerHeld.countDown();
                    await(release); // the writer thread is busy: later appends must queue up
                }
            });
            CompletableFuture<StoredUpdate> first = t.append(update("first", "x")).toCompletableFuture();
            assertThat(writerHeld.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<StoredUpdate>> queued = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                queued.add(t.append(update("q" + i, "x")).toCompletableFuture());
            }
            release.countDown();
            CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            assertThat(first.get().sequence()).isEqualTo(1);
            assertThat(queued).extracting(f -> f.join().sequence()).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(2, 101).boxed().toList());
            assertThat(t.commits()).isEqualTo(2);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
