package dev.herald.transport.redis;

import dev.herald.presence.ActiveSubscription;
import dev.herald.presence.RegistryListener;
import dev.herald.presence.SubscriptionPage;
import dev.herald.presence.SubscriptionRegistry;
import dev.herald.presence.SubscriptionScope;
import dev.herald.presence.SubscriptionTopics;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's active subscriptions, in the Redis its {@link RedisTransport} shares: every node
 * lists the same subscriptions in the same id order, with the same cursors and counts. Each node
 * keeps its own entries under a lease it renews ({@link PresenceLease}); when a node's lease
 * lapses, exactly one survivor takes its entries off the list and is told to announce them
 * inactive ({@link RegistryListener#orphaned}).
 *
 * <p>Adds and removes are queued for one writer thread and never block; reads are one Redis call
 * each ({@link #pageAsync} reads a page and its total atomically), asynchronous or, for the
 * synchronous forms, waiting at most the transport's command timeout. Counts are kept by the
 * script that adds and removes, so {@link #count} reads one number.
 */
public final class RedisSubscriptionRegistry implements SubscriptionRegistry {
    private static final Logger log = LoggerFactory.getLogger(RedisSubscriptionRegistry.class);

    private final RedisTransportConfig config;
    private final PresenceScript script;
    private final PresenceWriter writer;
    private final StatefulRedisConnection<String, byte[]> writes;
    private final StatefulRedisConnection<String, byte[]> reads;
    private final String node;

    private RedisSubscriptionRegistry(RedisTransportConfig config, PresenceScript script, PresenceWriter writer,
            StatefulRedisConnection<String, byte[]> writes, StatefulRedisConnection<String, byte[]> reads, String node) {
        this.config = config;
        this.script = script;
        this.writer = writer;
        this.writes = writes;
        this.reads = reads;
        this.node = node;
    }

    /**
     * Joins the list of {@code transport}'s cluster as a new node (an id of its own, random). Close
     * it before the transport.
     *
     * @throws RedisTransportException when Redis cannot be used
     */
    public static RedisSubscriptionRegistry open(RedisTransport transport, PresenceLease lease) {
        RedisTransportConfig config = transport.config();
        String node = UUID.randomUUID().toString();
        StatefulRedisConnection<String, byte[]> writes = null;
        StatefulRedisConnection<String, byte[]> reads = null;
        try {
            writes = transport.connect();
            reads = transport.connect();
            PresenceScript script = new PresenceScript(PresenceKeys.of(config.keyPrefix()));
            PresenceScript.load(writes, config.commandTimeout());
            PresenceWriter writer = new PresenceWriter(writes, script, node, lease, config.commandTimeout(),
                    config.displayUrl());
            writer.start();
            log.info("Subscriptions listed in Redis at {} for the whole cluster, as node {} (a dead node's end "
                    + "within {} s)", config.displayUrl(), node, lease.bound().toSeconds());
            return new RedisSubscriptionRegistry(config, script, writer, writes, reads, node);
        } catch (Exception e) {
            if (writes != null) {
                writes.close();
            }
            if (reads != null) {
                reads.close();
            }
            throw new RedisTransportException("Cannot list subscriptions in Redis at " + config.displayUrl() + ": " + e, e);
        }
    }

    /** This node's id in the list (random per process). */
    public String node() {
        return node;
    }

    @Override
    public CompletionStage<Boolean> add(ActiveSubscription subscription) {
        return writer.add(subscription);
    }

    @Override
    public CompletionStage<Boolean> remove(ActiveSubscription subscription) {
        return writer.remove(subscription);
    }

    @Override
    public Optional<ActiveSubscription> find(String matchType, String match, String subscriber) {
        return await(findAsync(matchType, match, subscriber));
    }

    @Override
    public CompletionStage<Optional<ActiveSubscription>> findAsync(String matchType, String match, String subscriber) {
        String id = SubscriptionTopics.of(matchType, match, subscriber);
        return reads.async().hget(script.keys().documents(), id)
                .thenApply(doc -> Optional.ofNullable(doc).map(SubscriptionCodec::decode));
    }

    @Override
    public SubscriptionPage page(SubscriptionScope scope, String after, int limit) {
        return await(pageAsync(scope, after, limit));
    }

    @Override
    public CompletionStage<SubscriptionPage> pageAsync(SubscriptionScope scope, String after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        if (scope.match() == null) {
            return script.page(reads, after, limit, countField(scope), SubscriptionTopics.COLLECTION + '/');
        }
        if (scope.matchType() != null) {
            return script.page(reads, after, limit, countField(scope),
                    SubscriptionTopics.forMatcher(scope.matchType(), scope.match()) + '/');
        }
        return script.page(reads, after, limit, countField(scope), SubscriptionTopics.COLLECTION,
                SubscriptionTopics.encode(scope.match()));
    }

    /** One Redis read of the counter the presence script keeps. */
    @Override
    public int count(SubscriptionScope scope) {
        byte[] n = await(reads.async().hget(script.keys().counts(), countField(scope)));
        return n == null ? 0 : Integer.parseInt(new String(n, StandardCharsets.US_ASCII));
    }

    @Override
    public boolean blockingReads() {
        return true;
    }

    @Override
    public void listen(RegistryListener listener) {
        writer.listen(listener);
    }

    /**
     * Stores what was queued, gives up the lease (a node with entries left keeps it until it
     * lapses: a survivor then announces them), and closes its connections.
     */
    @Override
    public void close() {
        writer.close();
        writes.close();
        reads.close();
    }

    /** Stops like a node that died: nothing more stored, the lease left to lapse. For tests of the survivors. */
    void halt() {
        writer.halt();
        writes.close();
        reads.close();
    }

    /** The counters presence.lua keeps, one field per scope. */
    private static String countField(SubscriptionScope scope) {
        if (scope.match() == null) {
            return "all";
        }
        return scope.matchType() == null ? "match:" + SubscriptionTopics.encode(scope.match())
                : "matcher:" + SubscriptionTopics.forMatcher(scope.matchType(), scope.match());
    }

    private <T> T await(CompletionStage<T> reply) {
        try {
            return reply.toCompletableFuture().get(config.commandTimeout().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            throw RedisFailures.unavailable(e, config.commandTimeout());
        }
    }
}
