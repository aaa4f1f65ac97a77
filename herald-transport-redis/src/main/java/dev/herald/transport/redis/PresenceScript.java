package dev.herald.transport.redis;

import dev.herald.presence.ActiveSubscription;
import dev.herald.presence.SubscriptionPage;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** presence.lua, the only code that changes the cluster's active subscriptions in Redis. */
final class PresenceScript {
    private static final LuaScript SCRIPT = new LuaScript("presence.lua");
    private static final byte[] ADD = ascii("a");
    private static final byte[] REMOVE = ascii("r");
    private static final byte[] NONE = new byte[0];

    /** One change to the list: an add carries the stored form of the subscription. */
    record Change(boolean add, ActiveSubscription subscription, byte[] document) {
        static Change add(ActiveSubscription s) {
            return new Change(true, s, SubscriptionCodec.encode(s));
        }

        static Change remove(ActiveSubscription s) {
            return new Change(false, s, NONE);
        }
    }

    /** @param lapsed the node's lease had lapsed before this call renewed it
     *  @param changed per change, whether it changed the list */
    record Written(boolean lapsed, boolean[] changed) {}

    private final PresenceKeys keys;
    private final String[] scriptKeys;
    private final byte[] nodeSetPrefix;

    PresenceScript(PresenceKeys keys) {
        this.keys = keys;
        this.scriptKeys = keys.forScript();
        this.nodeSetPrefix = ascii(keys.nodeSetPrefix());
    }

    PresenceKeys keys() {
        return keys;
    }

    /** Renews {@code node}'s lease and applies {@code changes} in order. */
    Written write(StatefulRedisConnection<String, byte[]> connection, String node, Duration lease,
            List<Change> changes, Duration timeout) throws Exception {
        byte[][] args = new byte[4 + 3 * changes.size()][];
        args[0] = ascii("write");
        args[1] = nodeSetPrefix;
        args[2] = ascii(node);
        args[3] = ascii(Long.toString(lease.toMillis()));
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            args[4 + 3 * i] = c.add() ? ADD : REMOVE;
            args[5 + 3 * i] = ascii(c.subscription().topic());
            args[6 + 3 * i] = c.document();
        }
        List<Object> answer = SCRIPT.run(connection, ScriptOutputType.MULTI, scriptKeys, args, timeout);
        boolean[] changed = new boolean[changes.size()];
        for (int i = 0; i < changed.length; i++) {
            changed[i] = (Long) answer.get(1 + i) == 1;
        }
        return new Written((Long) answer.get(0) == 1, changed);
    }

    /** Takes up to {@code budget} subscriptions of one node whose lease lapsed off the list. */
    List<ActiveSubscription> sweep(StatefulRedisConnection<String, byte[]> connection, String self, int budget,
            Duration timeout) throws Exception {
        List<Object> answer = SCRIPT.run(connection, ScriptOutputType.MULTI, scriptKeys,
                new byte[][] {ascii("sweep"), nodeSetPrefix, ascii(self), ascii(Integer.toString(budget))}, timeout);
        List<ActiveSubscription> claimed = new ArrayList<>(answer.size());
        for (Object doc : answer) {
            claimed.add(SubscriptionCodec.decode((byte[]) doc));
        }
        return claimed;
    }

    /** Gives up {@code node}'s lease if it holds no entries; true when it did. */
    boolean leave(StatefulRedisConnection<String, byte[]> connection, String node, Duration timeout) throws Exception {
        Long left = SCRIPT.run(connection, ScriptOutputType.INTEGER, scriptKeys,
                new byte[][] {ascii("leave"), nodeSetPrefix, ascii(node)}, timeout);
        return left == 1;
    }

    /**
     * One page, read atomically with its total.
     *
     * @param prefixes either {prefix} or {collection, encoded match} (every type's collection of a 0.x topic)
     */
    CompletionStage<SubscriptionPage> page(StatefulRedisConnection<String, byte[]> connection, String after,
            int limit, String countField, String... prefixes) {
        byte[][] args = new byte[5 + prefixes.length][];
        args[0] = ascii("page");
        args[1] = nodeSetPrefix;
        args[2] = after == null ? NONE : after.getBytes(StandardCharsets.UTF_8);
        args[3] = ascii(Integer.toString(limit));
        args[4] = ascii(countField);
        for (int i = 0; i < prefixes.length; i++) {
            args[5 + i] = ascii(prefixes[i]);
        }
        return runAsync(connection, args).thenApply(answer -> {
            List<ActiveSubscription> listed = new ArrayList<>(answer.size() - 2);
            for (int i = 2; i < answer.size(); i++) {
                listed.add(SubscriptionCodec.decode((byte[]) answer.get(i)));
            }
            return new SubscriptionPage(listed, Math.toIntExact((Long) answer.get(1)), (Long) answer.get(0) == 1);
        });
    }

    /** Off the caller's thread: loads the script and tries once more if Redis does not know it. */
    private CompletionStage<List<Object>> runAsync(StatefulRedisConnection<String, byte[]> connection, byte[][] args) {
        return SCRIPT.<List<Object>>evalAsync(connection, ScriptOutputType.MULTI, scriptKeys, args)
                .exceptionallyCompose(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (!(cause instanceof RedisNoScriptException)) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    return SCRIPT.loadAsync(connection).thenCompose(digest -> SCRIPT
                            .<List<Object>>evalAsync(connection, ScriptOutputType.MULTI, scriptKeys, args));
                });
    }

    static void load(StatefulRedisConnection<String, byte[]> connection, Duration timeout) throws Exception {
        SCRIPT.load(connection, timeout);
    }

    /** Ids and keys are ASCII: every variable in an id is percent-encoded. */
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
