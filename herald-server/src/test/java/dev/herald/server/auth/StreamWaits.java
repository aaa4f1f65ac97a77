package dev.herald.server.auth;

import dev.herald.testkit.StreamClient;
import java.time.Duration;

/** Stream waits shared by the security tests. */
public final class StreamWaits {
    private StreamWaits() {}

    /** Waits until the hub closed {@code stream}. */
    public static void untilEnded(StreamClient stream) throws InterruptedException {
        untilEnded(stream, Duration.ofSeconds(10));
    }

    public static void untilEnded(StreamClient stream, Duration timeout) throws InterruptedException {
        dev.herald.testkit.Poll.until(stream::ended, timeout, () -> "the stream is still open");
    }
}
