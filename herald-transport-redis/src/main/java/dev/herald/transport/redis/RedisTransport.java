package dev.herald.transport.redis;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.transport.MissedUpdates;
import dev.herald.transport.Transport;
import dev.herald.transport.TransportHealth;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * History and feed in one Redis shared by every hub of a cluster. All updates go into one stream
 * in the order Redis accepts them, with sequences assigned by the same atomic script; every hub
 * reads that stream, so every hub delivers the same updates in the same order, and an id
 * published through one hub resolves on every other (the id index lives in Redis, trimmed with
 * the stream). An append completes once Redis answered (and, if configured, enough replicas
 * confirmed); it fails at once while Redis is unreachable.
 *
 * <p>Three connections: one for this hub's writes, one for history reads, one for the feed's
 * blocking reads.
 */
public final class RedisTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(RedisTransport.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    /** As many as the hub's history-reader threads; they share one pipelined connection. */
    private static final int READERS = 4;

    private final RedisTransportConfig config;
    private final ClientResources resources;
    private final RedisClient client;
    private final AppendWriter writer;
    private final FeedReader feed;
    private final HistoryReader history;
    private final StatefulRedisConnection<String, byte[]> writes;
    private final StatefulRedisConnection<String, byte[]> reads;
    private final String lastIdAtOpen;
    private volatile boolean closed;

    private RedisTransport(RedisTransportConfig config, ClientResources resources, RedisClient client,
            StatefulRedisConnection<String, byte[]> writes, StatefulRedisConnection<String, byte[]> reads,
            StatefulRedisConnection<String, byte[]> feedConnection) throws Exception {
        this.config = config;
        this.resources = resources;
        this.client = client;
        this.writes = writes;
        this.reads = reads;
        RedisKeys keys = RedisKeys.of(config.keyPrefix());
        this.history = new HistoryReader(reads, keys, config.commandTimeout());
        HistoryScript script = new HistoryScript(keys);
        HistoryScript.load(writes, config.commandTimeout());
        // The last sequence first, then the newest id: a publish in between is then delivered live.
        byte[] last = RedisFailures.await(reads.async().get(keys.lastSequence()), config.commandTimeout());
        long lastSequence = last == null ? 0 : Long.parseLong(new String(last, StandardCharsets.US_ASCII));
        this.lastIdAtOpen = history.newestId();
        this.feed = new FeedReader(feedConnection, keys, lastSequence, config.displayUrl());
        this.writer = new AppendWriter(writes, script, config, feed::position);
        writer.start();
        log.debug("Opened Redis history at {} (keys {}) at sequence {}", config.displayUrl(), keys.stream(), lastSequence);
    }

    /**
     * Connects to Redis and prepares the history script.
     *
     * @throws RedisTransportException naming the server (without password) and the problem
     */
    public static RedisTransport open(RedisTransportConfig config) {
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                // Back soon after Redis is: publishes fail fast meanwhile, so retrying often costs nothing.
                .reconnectDelay(Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = null;
        try {
            RedisURI uri = RedisURI.create(config.url());
            uri.setTimeout(config.commandTimeout());
            client = RedisClient.create(resources, uri);
            client.setOptions(ClientOptions.builder()
                    .autoReconnect(true)
                    // Fail commands at once while disconnected, and never resend one after a
                    // reconnect: a publish that failed must not be stored later behind the publisher's back.
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(config.commandTimeout()).keepAlive(true).build())
                    .build());
            StatefulRedisConnection<String, byte[]> writes = client.connect(CODEC);
            StatefulRedisConnection<String, byte[]> reads = client.connect(CODEC);
            StatefulRedisConnection<String, byte[]> feed = client.connect(CODEC);
            feed.setTimeout(FeedReader.BLOCK.plus(config.commandTimeout()));
            return new RedisTransport(config, resources, client, writes, reads, feed);
        } catch (Exception e) {
            shutDown(client, resources);
            throw new RedisTransportException("Cannot use Redis at " + config.displayUrl() + ": " + describe(e), e);
        }
    }

    /** The failure and, when it wraps one, its root cause: "Unable to connect ... (WRONGPASS invalid ...)". */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e || root.getMessage() == null ? e.getMessage() : e.getMessage() + " (" + root.getMessage() + ")";
    }

    @Override
    public CompletionStage<StoredUpdate> append(Update update) {
        return writer.append(update);
    }

    @Override
    public void listen(Consumer<StoredUpdate> listener) {
        feed.listen(listener);
    }

    /** The feed tells when it fell so far behind that updates left the stream before it read them. */
    @Override
    public void onMissedUpdates(MissedUpdates listener) {
        feed.onMissedUpdates(listener);
    }

    @Override
    public List<StoredUpdate> readAfter(long afterSequence, int limit) {
        return history.readAfter(afterSequence, limit);
    }

    @Override
    public OptionalLong sequenceOf(String id) {
        return history.sequenceOf(id);
    }

    @Override
    public String lastIdAtOpen() {
        return lastIdAtOpen;
    }

    @Override
    public boolean blockingReads() {
        return true;
    }

    @Override
    public int readConcurrency() {
        return READERS;
    }

    /** Applies retention now rather than at the next background check; for tests and tools. */
    public CompletionStage<Long> trimNow() {
        return writer.trimNow();
    }

    /**
     * Not ready while the connection to Redis is down, while the last publish failed (Redis
     * stalled or refusing), or while the feed cannot read: what the hub would serve is stale then.
     */
    @Override
    public TransportHealth health() {
        if (closed) {
            return TransportHealth.unavailable("redis transport closed");
        }
        if (!writes.isOpen() || !reads.isOpen()) {
            return TransportHealth.unavailable("redis unreachable");
        }
        if (writer.failing()) {
            return TransportHealth.unavailable("redis failed the last publish");
        }
        return feed.lost() ? TransportHealth.unavailable("redis feed lost") : TransportHealth.READY;
    }

    /** The last sequence this hub's feed delivered to its listener. */
    public long feedPosition() {
        return feed.position();
    }

    /** Batches of publishes Redis has stored: one script run each, several publishes each under load. */
    public long appendBatches() {
        return writer.batches();
    }

    /** Seconds spent storing those batches (the script's round trip, and WAIT for replicas when asked). */
    public double appendSeconds() {
        return writer.batchNanos() / 1e9;
    }

    /**
     * How many updates Redis holds that this hub's feed has not delivered yet: how far this node is
     * behind the others. Costs one round trip (for a scrape, not for the hot path).
     *
     * @return the count, or empty when Redis does not answer within the command timeout
     */
    public OptionalLong feedBacklog() {
        try {
            byte[] last = RedisFailures.await(reads.async().get(RedisKeys.of(config.keyPrefix()).lastSequence()),
                    config.commandTimeout());
            long lastSequence = last == null ? 0 : Long.parseLong(new String(last, StandardCharsets.US_ASCII));
            return OptionalLong.of(Math.max(0, lastSequence - feed.position()));
        } catch (Exception e) {
            return OptionalLong.empty();
        }
    }

    /** Another connection to the same Redis, with the same options (for the subscription registry). */
    StatefulRedisConnection<String, byte[]> connect() {
        return client.connect(CODEC);
    }

    public RedisTransportConfig config() {
        return config;
    }

    /** Answers the appends already accepted, stops the feed, closes the connections. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.close();
        feed.close();
        writes.close();
        reads.close();
        shutDown(client, resources);
    }

    private static void shutDown(RedisClient client, ClientResources resources) {
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
