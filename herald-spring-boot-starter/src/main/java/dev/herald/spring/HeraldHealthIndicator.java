package dev.herald.spring;

import dev.herald.hub.Hub;
import dev.herald.transport.TransportHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The hub's part of the application's health ({@code /actuator/health}, component {@code herald}):
 * up while it can take updates (what the standalone hub's {@code /readyz} answers), down with the
 * reason otherwise (history unreachable, hub closed). Counts only: topic names could tell who is
 * online, and health details are often shown to anyone.
 */
class HeraldHealthIndicator implements HealthIndicator {
    private final Hub hub;

    HeraldHealthIndicator(Hub hub) {
        this.hub = hub;
    }

    @Override
    public Health health() {
        TransportHealth health = hub.health();
        Health.Builder builder = health.ready() ? Health.up() : Health.down().withDetail("reason", health.reason());
        return builder.withDetail("subscribers", hub.metrics().subscribers())
                .withDetail("updatesPublished", hub.metrics().updatesPublished())
                .build();
    }
}
