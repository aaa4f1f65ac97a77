package dev.herald.servlet;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The single threads that own the servlet's event streams, one per core: the hub keeps a lane
 * per thread, and every write to a stream happens on its thread, so a stream is never written
 * concurrently and updates for the streams of one thread share one task.
 */
final class StreamLoops implements AutoCloseable {
    private final ScheduledExecutorService[] loops;
    private final AtomicInteger next = new AtomicInteger();

    StreamLoops(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("stream threads must be at least 1: " + count);
        }
        loops = new ScheduledExecutorService[count];
        for (int i = 0; i < count; i++) {
            String name = "herald-servlet-stream-" + i;
            ScheduledThreadPoolExecutor loop = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
            // Heartbeat and expiry tasks of ended streams must not pile up, nor hold up a shutdown.
            loop.setRemoveOnCancelPolicy(true);
            loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            loops[i] = loop;
        }
    }

    /** The thread for a new stream: in turn, so streams spread evenly. */
    ScheduledExecutorService next() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    /** Runs what is queued (streams ending), drops what is scheduled, and stops the threads. */
    @Override
    public void close() {
        for (ScheduledExecutorService loop : loops) {
            loop.shutdown();
        }
        for (ScheduledExecutorService loop : loops) {
            try {
                if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
                    loop.shutdownNow();
                }
            } catch (InterruptedException e) {
                loop.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
