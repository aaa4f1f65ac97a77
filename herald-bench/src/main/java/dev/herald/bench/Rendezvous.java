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
    /** The content of {@link #storm} that starts a storm (the other is {@link #STOP}). */
    static final String STORM_GO = "go";

    private final Path dir;

    Rendezvous(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    static String ready(int shard) {
        return "ready-" + shard;
    }

    /** What a shard's TLS handshakes settled on ({@link Negotiated}), put before its ready. */
    static String tls(int shard) {
        return "tls-" + shard;
    }

    static String result(int shard) {
        return "shard-" + shard + ".json";
    }

    /** The storm scenario's order for its storm number {@code storm}. */
    static String storm(int storm) {
        return "storm-" + storm;
    }

    /** A shard's {@link StormLeg} once its part of a storm is connected. */
    static String stormUp(int storm, int shard) {
        return "storm-" + storm + "-up-" + shard;
    }

    /** The order to close a storm's connections. */
    static String stormRelease(int storm) {
        return "storm-" + storm + "-release";
    }

    /** A shard's {@link StormLeg} once its part of a storm is closed. */
    static String stormDown(int storm, int shard) {
        return "storm-" + storm + "-down-" + shard;
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
