package dev.herald.spring;

import dev.herald.event.Update;
import dev.herald.hub.Hub;
import java.util.concurrent.CompletionStage;

/** Publishes at once: the publisher of applications without Spring transactions on the classpath. */
class HubPublisher implements HeraldPublisher {
    private final Hub hub;

    HubPublisher(Hub hub) {
        this.hub = hub;
    }

    @Override
    public CompletionStage<String> publish(Update update) {
        return hub.publish(update).thenApply(stored -> stored.update().id());
    }
}
