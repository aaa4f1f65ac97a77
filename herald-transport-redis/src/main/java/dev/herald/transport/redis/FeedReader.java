package dev.herald.transport.redis;

import dev.herald.event.StoredUpdate;
import dev.herald.transport.MissedUpdates;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This hub's copy of the cluster's feed: one thread reading the stream with {@code XREAD BLOCK}
 * from the last sequence it delivered, handing each update to the hub's listener in stream order,
 * which is sequence order and the same on every hub. Every update it delivers is in the stream,
 * so history reads can return it. When Redis is unreachable it retries with backoff and resumes
 * from that same position: no gap and no duplicate for the streams the hub kept open.
 */
final class FeedReader {
    private static final Logger log = LoggerFactory.getLogger(FeedReader.class);
    /** Updates per read: a page the listener takes at once. */
    private static final int BATCH = 1000;
    static final Duration BLOCK = Duration.ofSeconds(1);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisKeys keys;
    private final String displayUrl;
    private final Thread thread;
    private volatile Consumer<StoredUpdate> listener = u -> {};
    private volatile MissedUpdates missedUpdates = (first, last) -> {};
    /** The last sequence delivered (or the last assigned when the transport opened). */
    private volatile long position;
    private volatile boolean stopping;
    /** True while reads fail and the feed retries. */
    private volatile boolean lost;
    private boolean started;

    FeedReader(StatefulRedisConnection<String, byte[]> connection, RedisKeys keys, long startAfter, String displayUrl) {
        this.connection = connection;
        this.keys = keys;
        this.position = startAfter;
        this.displayUrl = displayUrl;
        this.thread = new Thread(this::run, "herald-redis-feed");
        thread.setDaemon(true);
    }

    /** Sets the listener and starts reading (once): nothing is read before someone listens. */
    synchronized void listen(Consumer<StoredUpdate> listener) {
        this.listener = listener;
        if (!started && !stopping) {
            started = true;
            thread.start();
        }
    }

    void onMissedUpdates(MissedUpdates listener) {
        this.missedUpdates = listener;
    }

    boolean lost() {
        return lost;
    }

    long position() {
        return position;
    }

    /** Stops reading; a read in progress is cut short by closing the connection. */
    synchronized void close() {
        stopping = true;
        connection.close();
        if (started) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        RedisCommands<String, byte[]> redis = connection.sync();
        long backoff = FIRST_BACKOFF_NANOS;
        long failingSince = 0;
        while (!stopping) {
            List<StreamMessage<String, byte[]>> entries;
            try {
                if (failingSince != 0) {
                    checkNothingLost(redis);
                }
                entries = readAfterPosition(redis);
            } catch (RedisException e) {
                if (stopping) {
                    break;
                }
                if (failingSince == 0) {
                    failingSince = System.nanoTime();
                    lost = true;
                    log.warn("Lost the Redis feed at {} ({}); retrying, open streams keep their heartbeats",
                            displayUrl, e.toString());
                }
                LockSupport.parkNanos(backoff);
                backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
                continue;
            }
            if (failingSince != 0) {
                log.info("Redis feed back after {} ms; resuming after sequence {}",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failingSince), position);
                failingSince = 0;
                lost = false;
                backoff = FIRST_BACKOFF_NANOS;
            }
            if (entries != null) {
                deliver(entries);
            }
        }
    }

    @SuppressWarnings("unchecked") // one stream offset through XREAD's varargs
    private List<StreamMessage<String, byte[]>> readAfterPosition(RedisCommands<String, byte[]> redis) {
        return redis.xread(XReadArgs.Builder.block(BLOCK.toMillis()).count(BATCH),
                StreamOffset.from(keys.stream(), StreamEntries.streamId(position)));
    }

    private void deliver(List<StreamMessage<String, byte[]>> entries) {
        Consumer<StoredUpdate> l = listener;
        for (StreamMessage<String, byte[]> entry : entries) {
            StoredUpdate update;
            try {
                update = StreamEntries.decode(entry);
            } catch (RuntimeException e) {
                log.error("Skipping stream entry {} that is not an update", entry.getId(), e);
                position = Math.max(position, StreamEntries.sequence(entry.getId()));
                continue;
            }
            if (update.sequence() <= position) {
                continue; // cannot happen with XREAD after position; cheap insurance against a duplicate
            }
            if (update.sequence() > position + 1) {
                log.warn("Updates {} to {} left Redis before this hub read them (trimmed, or Redis lost them)",
                        position + 1, update.sequence() - 1);
                try {
                    missedUpdates.missed(position + 1, update.sequence() - 1);
                } catch (RuntimeException e) {
                    log.error("The hub failed to handle missed updates", e);
                }
            }
            position = update.sequence();
            try {
                l.accept(update);
            } catch (RuntimeException e) {
                log.error("The hub listener failed on {}", update, e);
            }
        }
    }

    /** After an outage: says so loudly if Redis came back without the history (no persistence). */
    private void checkNothingLost(RedisCommands<String, byte[]> redis) {
        byte[] last = redis.get(keys.lastSequence());
        long lastSequence = last == null ? 0 : Long.parseLong(new String(last, StandardCharsets.US_ASCII));
        if (lastSequence < position) {
            log.error("Redis at {} came back without the history this hub had read up to sequence {} (restarted "
                    + "without persistence?): a subscriber resuming from before it may miss updates",
                    displayUrl, position);
        }
    }
}
