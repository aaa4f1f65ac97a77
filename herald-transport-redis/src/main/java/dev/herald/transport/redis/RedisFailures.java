package dev.herald.transport.redis;

import dev.herald.transport.TransportUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for Redis replies and turns failures into what a publisher is told (no host names). */
final class RedisFailures {
    private RedisFailures() {}

    /** The reply, or the failure as thrown by Lettuce or {@link TimeoutException} after {@code timeout}. */
    static <T> T await(RedisFuture<T> reply, Duration timeout) throws Exception {
        try {
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    static TransportUnavailableException unavailable(Throwable failure, Duration timeout) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TransportUnavailableException u) {
            return u;
        }
        if (t instanceof TimeoutException || t instanceof RedisCommandTimeoutException) {
            return new TransportUnavailableException("Redis did not answer within " + describe(timeout), t);
        }
        if (t instanceof RedisCommandExecutionException) {
            return new TransportUnavailableException("Redis refused the command: " + t.getMessage(), t);
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new TransportUnavailableException("Redis is unreachable", t);
    }

    /** 2s, 1.5s, 250ms. */
    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
