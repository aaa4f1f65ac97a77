package dev.herald.spring;

import dev.herald.event.Update;
import java.util.concurrent.CompletionStage;

/**
 * Publishes updates to the application's hub. Inside a Spring transaction an update goes out only
 * once the transaction commits, and never if it rolls back: a subscriber is not told about a row
 * that does not exist.
 */
public interface HeraldPublisher {

    /**
     * Publishes {@code update} now, or, when called inside a transaction, after it commits (updates
     * of one transaction go out in the order they were published).
     *
     * @return completes with the update's id once the hub stored it; fails with
     *     {@link UpdateDiscardedException} if the transaction rolled back, or with the hub's
     *     failure (history unavailable, hub closed)
     */
    CompletionStage<String> publish(Update update);
}
