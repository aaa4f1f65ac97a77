package dev.herald.servlet;

import dev.herald.protocol.auth.AuthConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The servlet's options; the hub's own (heartbeat, history) are on the {@code Hub}. Defaults are
 * the standalone hub's.
 *
 * @param auth who may publish and subscribe
 * @param subscriberBufferBytes the bytes queued for one subscriber before it is cut off
 * @param maxTopicsPerRequest the most topics in a publish, or matchers in a subscribe
 * @param maxMatcherLength the longest matcher a subscriber may send, in characters
 * @param maxBodyBytes the largest publish body
 * @param maxConnectionLifetime how long a stream stays open at most, or null for no limit
 * @param streamThreads the threads that write the streams (the hub keeps a lane per thread)
 * @param signedInTopics what users the application signed in may receive without a token, or
 *     null: only tokens grant private updates
 */
public record HeraldServletConfig(AuthConfig auth, int subscriberBufferBytes, int maxTopicsPerRequest,
        int maxMatcherLength, int maxBodyBytes, Duration maxConnectionLifetime, int streamThreads,
        SignedInTopics signedInTopics) {

    public HeraldServletConfig {
        Objects.requireNonNull(auth, "auth");
        positive("subscriberBufferBytes", subscriberBufferBytes);
        positive("maxTopicsPerRequest", maxTopicsPerRequest);
        positive("maxMatcherLength", maxMatcherLength);
        positive("maxBodyBytes", maxBodyBytes);
        positive("streamThreads", streamThreads);
        if (maxConnectionLifetime != null && (maxConnectionLifetime.isZero() || maxConnectionLifetime.isNegative())) {
            throw new IllegalArgumentException("maxConnectionLifetime must be positive: " + maxConnectionLifetime);
        }
    }

    /** Tokens required ({@link AuthConfig#locked()}), 512 KiB per subscriber, one stream thread per core. */
    public static HeraldServletConfig defaults() {
        return new HeraldServletConfig(AuthConfig.locked(), 512 * 1024, 100, 2048, 1024 * 1024, null,
                Runtime.getRuntime().availableProcessors(), null);
    }

    public HeraldServletConfig withAuth(AuthConfig auth) {
        return new HeraldServletConfig(auth, subscriberBufferBytes, maxTopicsPerRequest, maxMatcherLength,
                maxBodyBytes, maxConnectionLifetime, streamThreads, signedInTopics);
    }

    public HeraldServletConfig withSubscriberBufferBytes(int bytes) {
        return new HeraldServletConfig(auth, bytes, maxTopicsPerRequest, maxMatcherLength, maxBodyBytes,
                maxConnectionLifetime, streamThreads, signedInTopics);
    }

    public HeraldServletConfig withMaxBodyBytes(int bytes) {
        return new HeraldServletConfig(auth, subscriberBufferBytes, maxTopicsPerRequest, maxMatcherLength, bytes,
                maxConnectionLifetime, streamThreads, signedInTopics);
    }

    public HeraldServletConfig withMaxConnectionLifetime(Duration lifetime) {
        return new HeraldServletConfig(auth, subscriberBufferBytes, maxTopicsPerRequest, maxMatcherLength,
                maxBodyBytes, lifetime, streamThreads, signedInTopics);
    }

    public HeraldServletConfig withStreamThreads(int threads) {
        return new HeraldServletConfig(auth, subscriberBufferBytes, maxTopicsPerRequest, maxMatcherLength,
                maxBodyBytes, maxConnectionLifetime, threads, signedInTopics);
    }

    /** Users the application signed in receive the private updates {@code topics} names for them. */
    public HeraldServletConfig withSignedInTopics(SignedInTopics topics) {
        return new HeraldServletConfig(auth, subscriberBufferBytes, maxTopicsPerRequest, maxMatcherLength,
                maxBodyBytes, maxConnectionLifetime, streamThreads, topics);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
