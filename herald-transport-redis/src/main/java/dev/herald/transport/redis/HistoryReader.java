package dev.herald.transport.redis;

import dev.herald.event.StoredUpdate;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * History reads for resuming subscribers, on a connection the hub's reader threads share (Lettuce
 * pipelines their commands). Blocking: the hub runs them off its event loops.
 */
final class HistoryReader {
    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisKeys keys;
    private final Duration timeout;

    HistoryReader(StatefulRedisConnection<String, byte[]> connection, RedisKeys keys, Duration timeout) {
        this.connection = connection;
        this.keys = keys;
        this.timeout = timeout;
    }

    List<StoredUpdate> readAfter(long afterSequence, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Range<String> after = Range.from(Range.Boundary.including(StreamEntries.streamId(afterSequence + 1)),
                Range.Boundary.unbounded());
        try {
            return StreamEntries.decodeAll(RedisFailures.await(
                    connection.async().xrange(keys.stream(), after, Limit.from(limit)), timeout));
        } catch (Exception e) {
            throw RedisFailures.unavailable(e, timeout);
        }
    }

    OptionalLong sequenceOf(String id) {
        try {
            byte[] sequences = RedisFailures.await(connection.async().hget(keys.ids(), id), timeout);
            return sequences == null ? OptionalLong.empty() : OptionalLong.of(StreamEntries.earliest(sequences));
        } catch (Exception e) {
            throw RedisFailures.unavailable(e, timeout);
        }
    }

    /** The newest entry's update id, or null when the stream is empty. */
    String newestId() {
        try {
            List<StreamMessage<String, byte[]>> newest = RedisFailures.await(
                    connection.async().xrevrange(keys.stream(), Range.unbounded(), Limit.from(1)), timeout);
            return newest.isEmpty() ? null : StreamEntries.id(newest.get(0));
        } catch (Exception e) {
            throw RedisFailures.unavailable(e, timeout);
        }
    }
}
