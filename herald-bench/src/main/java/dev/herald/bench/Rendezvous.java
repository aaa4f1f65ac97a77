package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * File-based hand-offs between the coordinator and the subscriber shards (separate processes, so
 * each stays under the per-process file limit). Files are written atomically by rename.
 */
final class Rendezvous {
    static final String CONNECT = "connect";
    static final String START = "start";
    static final String STOP = "stop";

    private final Path dir;

    Rendezvous(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    static String ready(int shard) {
        return "ready-" + shard;
    }

    static String result(int shard) {
        return "shard-" + shard + ".json";
    }

    void put(String name, String content) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits for {@code name} to appear and returns its content. */
    String await(String name, Duration timeout) throws IOException, InterruptedException, TimeoutException {
        Path p = dir.resolve(name);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(p)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("no " + p + " after " + timeout);
            }
            Thread.sleep(20);
        }
        return Files.readString(p);
    }
}
