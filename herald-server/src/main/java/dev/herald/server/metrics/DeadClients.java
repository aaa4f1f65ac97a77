package dev.herald.server.metrics;

import io.netty.channel.Channel;
import io.netty.channel.unix.Errors;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts connections the kernel gave up on because their peer acknowledged nothing for the
 * dead-client timeout (TCP_USER_TIMEOUT ends them with ETIMEDOUT). The counter rides on each
 * accepted channel as an attribute, so the stream code that sees the error needs no wiring.
 */
public final class DeadClients {
    /** Set on every accepted channel by the server; absent on channels built by hand (tests). */
    public static final AttributeKey<LongAdder> COUNTER = AttributeKey.valueOf("herald.deadClients");
    /** Linux's ETIMEDOUT; Netty's native errors carry it negated. */
    private static final int ETIMEDOUT = 110;

    private DeadClients() {}

    /** Counts {@code cause} if it is a timed-out connection; call once per failed connection. */
    public static void countIfTimedOut(Channel channel, Throwable cause) {
        if (timedOut(cause)) {
            Attribute<LongAdder> counter = channel.attr(COUNTER);
            LongAdder adder = counter.get();
            if (adder != null && counter.getAndSet(null) != null) {
                adder.increment(); // and never again for this channel, whichever path saw it first
            }
        }
    }

    static boolean timedOut(Throwable cause) {
        if (cause instanceof Errors.NativeIoException n && n.expectedErr() == -ETIMEDOUT) {
            return true;
        }
        // NIO says it in words only.
        return cause instanceof IOException && cause.getMessage() != null
                && cause.getMessage().endsWith("Connection timed out");
    }
}
