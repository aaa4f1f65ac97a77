package dev.herald.store.sqlite;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.transport.Transport;
import dev.herald.transport.TransportHealth;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * History in an embedded SQLite file (WAL). An append completes only once its transaction is
 * committed at the configured {@link Durability}; concurrent appends share one transaction.
 * Sequences, ids and retention carry over restarts. One transport per file: a second one,
 * in this process or another, fails to open.
 */
public final class SqliteTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(SqliteTransport.class);
    /** As many as the hub's history-reader threads. */
    private static final int READERS = 4;

    private final Path file;
    private final StoreLock lock;
    private final Connection writerConnection;
    private final CommitWriter writer;
    private final ReaderPool readers;
    private final Checkpointer checkpointer;
    private final long sequenceAtOpen;
    private final CommitStats stats;
    private volatile boolean closed;

    private SqliteTransport(Path file, StoreLock lock, Connection writerConnection, CommitWriter writer,
            ReaderPool readers, Checkpointer checkpointer, long sequenceAtOpen, CommitStats stats) {
        this.stats = stats;
        this.sequenceAtOpen = sequenceAtOpen;
        this.file = file;
        this.lock = lock;
        this.writerConnection = writerConnection;
        this.writer = writer;
        this.readers = readers;
        this.checkpointer = checkpointer;
    }

    /**
     * Opens or creates the database.
     *
     * @throws SqliteStoreException naming the file and the problem: locked by another hub,
     *     unreadable, not a database, corrupt, or in a directory that cannot be written
     */
    public static SqliteTransport open(SqliteStoreConfig config) {
        Path file = config.databaseFile().toAbsolutePath();
        DatabaseFile.checkBeforeOpen(file);
        StoreLock lock = StoreLock.acquire(file);
        Connection connection = null;
        ReaderPool readers = null;
        Checkpointer checkpointer = null;
        try {
            DatabaseFile.checkBeforeOpen(file); // again, now that no other hub can be writing it
            connection = DatabaseFile.openWriter(file, config.durability());
            long lastSequence = Schema.prepare(connection, file.toString());
            readers = new ReaderPool(file, config.durability(), READERS);
            Checkpointer.disableAutoCheckpoint(connection);
            checkpointer = new Checkpointer(file, config.durability());
            Retention retention = new Retention(config.retentionCount(), config.retentionAge(), config.clock());
            CommitStats stats = new CommitStats(UpdateRows.count(connection));
            CommitWriter writer = new CommitWriter(connection, lastSequence, retention, config.clock(),
                    config.trimInterval().toNanos(), file.toString(), checkpointer::holdBackIfLogOutgrown, stats);
            writer.start();
            log.debug("Opened {} at sequence {}", file, lastSequence);
            return new SqliteTransport(file, lock, connection, writer, readers, checkpointer, lastSequence, stats);
        } catch (SQLException e) {
            cleanUp(checkpointer, readers, connection, lock);
            throw new SqliteStoreException("Cannot open history database " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanUp(checkpointer, readers, connection, lock);
            throw e;
        }
    }

    private static void cleanUp(Checkpointer checkpointer, ReaderPool readers, Connection connection,
            StoreLock lock) {
        DatabaseFile.closeQuietly(checkpointer);
        DatabaseFile.closeQuietly(readers);
        DatabaseFile.closeQuietly(connection);
        lock.close();
    }

    @Override
    public CompletionStage<StoredUpdate> append(Update update) {
        return writer.append(update);
    }

    @Override
    public void listen(Consumer<StoredUpdate> listener) {
        writer.listen(listener);
    }

    @Override
    public String lastIdAtOpen() {
        if (sequenceAtOpen <= 0) {
            return null;
        }
        List<StoredUpdate> newest = readers.readAfter(sequenceAtOpen - 1, 1);
        return newest.isEmpty() ? null : newest.get(0).update().id();
    }

    @Override
    public List<StoredUpdate> readAfter(long afterSequence, int limit) {
        return readers.readAfter(afterSequence, limit);
    }

    @Override
    public OptionalLong sequenceOf(String id) {
        return readers.sequenceOf(id);
    }

    @Override
    public boolean blockingReads() {
        return true;
    }

    @Override
    public int readConcurrency() {
        return READERS; // one hub reader thread per pooled read connection
    }

    /** Applies retention now rather than at the next background check; for tests and tools. */
    public CompletionStage<Long> trimNow() {
        return writer.trimNow();
    }

    /** Append transactions committed so far: fewer than appends when group commit works. */
    public long commits() {
        return writer.commits();
    }

    /** Time spent writing and committing those transactions, in nanoseconds (for metrics). */
    public long commitNanos() {
        return stats.commitNanos();
    }

    /** The write-ahead log file's size now (for metrics). */
    public long writeAheadLogBytes() {
        return checkpointer.logBytes();
    }

    /**
     * Not ready once closed, while a commit has been stuck for seconds (the file locked by another
     * program, a stalled disk), for a few seconds after a commit failed, and while the writer's
     * queue is full.
     */
    @Override
    public TransportHealth health() {
        return closed ? TransportHealth.unavailable("sqlite history closed") : writer.health();
    }

    @Override
    public OptionalLong retainedUpdates() {
        return OptionalLong.of(stats.retained());
    }

    public Path file() {
        return file;
    }

    /** Commits what was already accepted, closes the file and releases the lock. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.close();
        checkpointer.close();
        readers.close();
        DatabaseFile.closeQuietly(writerConnection);
        lock.close();
    }
}
