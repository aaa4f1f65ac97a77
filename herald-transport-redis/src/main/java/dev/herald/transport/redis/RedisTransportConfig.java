package dev.herald.transport.redis;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of a {@link RedisTransport}.
 *
 * @param url {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://} for TLS:
 *     one standalone Redis (or a primary) shared by every hub of the cluster; or
 *     {@code redis-sentinel://[[user]:password@]host[:port][,host2[:port2]…][/database]#primaryName}:
 *     the Sentinels that name the current primary, asked again on every reconnection
 * @param keyPrefix names this cluster's keys ({@code {prefix}:updates} and so on), so that several
 *     clusters can share one Redis
 * @param retentionCount newest updates kept; at least 1. The stream is also how updates reach
 *     every hub, so a hub that falls this many updates behind misses some (it logs it)
 * @param retentionAge updates older than this are trimmed (by Redis's clock); zero turns it off
 * @param replicas a publish is acknowledged only once this many replicas have it too ({@code WAIT});
 *     0 acknowledges once the primary has it
 * @param replicaTimeout how long a publish waits for those replicas before it fails
 * @param commandTimeout how long a publish or a history read waits for Redis before it fails
 * @param trimInterval how often each hub applies the age limit when nobody publishes
 */
public record RedisTransportConfig(String url, String keyPrefix, int retentionCount, Duration retentionAge,
        int replicas, Duration replicaTimeout, Duration commandTimeout, Duration trimInterval) {

    static final String SENTINEL_SCHEME = "redis-sentinel";

    public RedisTransportConfig {
        Objects.requireNonNull(url, "url");
        String scheme = url.contains("://") ? url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("redis") && !scheme.equals("rediss") && !scheme.equals(SENTINEL_SCHEME)) {
            throw new IllegalArgumentException("the Redis URL must start with redis://, rediss:// or "
                    + "redis-sentinel:// (Redis Cluster is not supported yet): " + redact(url));
        }
        if (scheme.equals(SENTINEL_SCHEME) && (url.indexOf('#') < 0 || url.indexOf('#') == url.length() - 1)) {
            throw new IllegalArgumentException("a redis-sentinel:// URL must name the primary after #, e.g. "
                    + "redis-sentinel://127.0.0.1:26379#mymaster: " + redact(url));
        }
        if (keyPrefix == null || keyPrefix.isEmpty() || keyPrefix.contains("{") || keyPrefix.contains("}")) {
            throw new IllegalArgumentException("the Redis key prefix must be non-empty, without { or }: " + keyPrefix);
        }
        if (retentionCount < 1) {
            throw new IllegalArgumentException("Redis history must keep at least 1 update (it is also the feed "
                    + "between hubs): " + retentionCount);
        }
        if (retentionAge == null || retentionAge.isNegative()) {
            throw new IllegalArgumentException("retention age must not be negative: " + retentionAge);
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative: " + replicas);
        }
        requirePositive("replica timeout", replicaTimeout);
        requirePositive("command timeout", commandTimeout);
        requirePositive("trim interval", trimInterval);
    }

    /** 10,000 updates, no age limit, acknowledged by the primary, 2 s timeouts, keys under {@code herald}. */
    public static RedisTransportConfig of(String url) {
        return new RedisTransportConfig(url, "herald", 10_000, Duration.ZERO, 0, Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    public RedisTransportConfig withKeyPrefix(String prefix) {
        return new RedisTransportConfig(url, prefix, retentionCount, retentionAge, replicas, replicaTimeout,
                commandTimeout, trimInterval);
    }

    public RedisTransportConfig withRetentionCount(int count) {
        return new RedisTransportConfig(url, keyPrefix, count, retentionAge, replicas, replicaTimeout,
                commandTimeout, trimInterval);
    }

    public RedisTransportConfig withRetentionAge(Duration age) {
        return new RedisTransportConfig(url, keyPrefix, retentionCount, age, replicas, replicaTimeout,
                commandTimeout, trimInterval);
    }

    /** Acknowledges a publish once {@code count} replicas have it, waiting at most {@code timeout}. */
    public RedisTransportConfig withReplicas(int count, Duration timeout) {
        return new RedisTransportConfig(url, keyPrefix, retentionCount, retentionAge, count, timeout,
                commandTimeout, trimInterval);
    }

    public RedisTransportConfig withCommandTimeout(Duration timeout) {
        return new RedisTransportConfig(url, keyPrefix, retentionCount, retentionAge, replicas, replicaTimeout,
                timeout, trimInterval);
    }

    public RedisTransportConfig withTrimInterval(Duration interval) {
        return new RedisTransportConfig(url, keyPrefix, retentionCount, retentionAge, replicas, replicaTimeout,
                commandTimeout, interval);
    }

    /** The URL without its password, for logs and messages. */
    public String displayUrl() {
        return redact(url);
    }

    @Override
    public String toString() {
        return "RedisTransportConfig[url=" + displayUrl() + ", keyPrefix=" + keyPrefix + ", retentionCount="
                + retentionCount + ", retentionAge=" + retentionAge + ", replicas=" + replicas + ", replicaTimeout="
                + replicaTimeout + ", commandTimeout=" + commandTimeout + ", trimInterval=" + trimInterval + "]";
    }

    private static String redact(String url) {
        int start = url.indexOf("://") + 3;
        int at = url.indexOf('@', Math.max(start, 0));
        int slash = url.indexOf('/', Math.max(start, 0));
        if (start < 3 || at < 0 || (slash >= 0 && slash < at)) {
            return url;
        }
        String userInfo = url.substring(start, at);
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? "" : userInfo.substring(0, colon);
        return url.substring(0, start) + user + ":***" + url.substring(at);
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }
}
