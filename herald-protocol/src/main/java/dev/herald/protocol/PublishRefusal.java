package dev.herald.protocol;

import dev.herald.transport.TransportClosedException;
import dev.herald.transport.TransportOverloadedException;
import dev.herald.transport.TransportUnavailableException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a publisher is told when the hub could not store its update: always 503 (it may retry),
 * with the store's own words when they are written for it. The unexpected is logged here, once,
 * whichever server carries the request.
 */
public final class PublishRefusal {
    public static final int STATUS = 503;
    private static final Logger log = LoggerFactory.getLogger(PublishRefusal.class);

    private PublishRefusal() {}

    /** @param failure what {@code Hub.publish}'s stage failed with (a completion wrapper is looked through) */
    public static String message(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TransportUnavailableException) {
            // Its message is written for the publisher: which store failed, and how.
            log.debug("Publish refused: {}", cause.getMessage());
            return "The hub could not store the update: " + cause.getMessage() + "; retry later";
        }
        if (cause instanceof TransportOverloadedException) {
            log.debug("Publish refused: {}", cause.getMessage());
        } else if (!(cause instanceof TransportClosedException)) {
            log.error("Storing an update failed", cause);
        }
        return "The hub could not store the update; retry later";
    }
}
