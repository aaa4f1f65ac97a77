package dev.herald.store.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <database>.lock}, held for the transport's lifetime, so two hubs
 * never write the same database. The OS releases it when the process dies, even on {@code kill -9}.
 */
final class StoreLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StoreLock acquire(Path database) {
        Path lockFile = database.resolveSibling(database.getFileName() + ".lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new SqliteStoreException("Cannot create lock file " + lockFile + ": " + describe(e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this JVM already holds it
        } catch (IOException e) {
            closeQuietly(channel);
            throw new SqliteStoreException("Cannot lock " + lockFile + ": " + describe(e), e);
        }
        if (lock == null) {
            String holder = readHolder(lockFile);
            closeQuietly(channel);
            throw new SqliteStoreException("History database " + database + " is in use by another Herald hub"
                    + holder + ": its lock file " + lockFile + " is held");
        }
        try {
            // Who holds it, for the error message a second hub prints.
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            // The lock is what matters; the note is a courtesy.
        }
        return new StoreLock(channel, lock);
    }

    private static String readHolder(Path lockFile) {
        try {
            String note = Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
            return note.matches("pid \\d+") ? " (" + note + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + " " + e.getMessage();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to release
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
