package dev.herald.transport.redis;

import io.lettuce.core.RedisCommandExecutionException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the Redis transport, waiting for Redis when it is not there yet: hubs and Redis are often
 * started together (a compose file, a cluster coming back), and a hub that exits because Redis
 * was a second late only adds a crash loop. Waiting is for Redis being away or busy starting; a
 * Redis that answers with a refusal (a wrong password, a missing permission) fails at once.
 */
public final class RedisStartup {
    private static final Logger log = LoggerFactory.getLogger(RedisStartup.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    /** Errors a Redis answers while it cannot serve yet, rather than refusals: worth waiting out. */
    private static final Set<String> TRANSIENT_ERRORS = Set.of("LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN");

    private RedisStartup() {}

    /**
     * Opens the transport, retrying for up to {@code patience} while Redis is unreachable or not
     * ready. {@link Duration#ZERO} tries once.
     *
     * @throws RedisTransportException the last failure, once patience ran out or at once for a refusal
     */
    public static RedisTransport open(RedisTransportConfig config, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Duration pause = FIRST_PAUSE;
        boolean told = false;
        while (true) {
            try {
                RedisTransport transport = RedisTransport.open(config);
                if (told) {
                    log.info("Redis at {} answers: starting", config.displayUrl());
                }
                return transport;
            } catch (RedisTransportException e) {
                long left = deadline - System.nanoTime();
                if (!worthWaiting(e) || left <= 0) {
                    throw e;
                }
                if (!told) {
                    log.warn("{}; waiting up to {} for it (--redis-wait)", e.getMessage(), describe(patience));
                    told = true;
                }
                Thread.sleep(Math.min(pause.toMillis(), Math.max(1, left / 1_000_000)));
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /** False when Redis itself answered with a refusal; true when it was away, slow or still starting. */
    static boolean worthWaiting(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RedisCommandExecutionException refused) {
                String message = refused.getMessage() == null ? "" : refused.getMessage();
                String code = message.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                return TRANSIENT_ERRORS.contains(code);
            }
        }
        return true;
    }

    private static String describe(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
