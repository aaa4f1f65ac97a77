package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.hub.Hub;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RedisServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The hub in the application's health: up while it can take updates, down with the reason otherwise. */
class HeraldHealthTest {
    private final ApplicationContextRunner app = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HeraldAutoConfiguration.class));

    @TempDir
    Path dir;

    @Test
    void upWithCountsAndNoTopicNames() {
        app.run(context -> {
            HeraldAutoConfigurationTest.publish(context.getBean(HeraldPublisher.class), "https://example.com/users/42", "x");

            Health health = context.getBean("heraldHealthIndicator", HealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("subscribers", 0).containsEntry("updatesPublished", 1L);
            assertThat(health.getDetails().toString()).doesNotContain("users/42");
        });
    }

    @Test
    void downWithTheReasonWhileRedisIsAway() throws Exception {
        try (RedisServer redis = RedisServer.start(dir)) {
            app.withPropertyValues("herald.transport=redis", "herald.redis.url=" + redis.url()).run(context -> {
                HealthIndicator indicator = context.getBean("heraldHealthIndicator", HealthIndicator.class);
                assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

                redis.stop();
                Poll.until(() -> indicator.health().getStatus().equals(Status.DOWN),
                        Poll.TIMEOUT, () -> "still " + indicator.health());
                assertThat(indicator.health().getDetails()).containsKey("reason");

                redis.startAgain();
                Poll.until(() -> indicator.health().getStatus().equals(Status.UP),
                        Poll.TIMEOUT, () -> "still " + indicator.health());
            });
        }
    }

    @Test
    void downOnceTheHubIsClosed() {
        app.run(context -> {
            context.getBean(Hub.class).close();

            Health health = context.getBean("heraldHealthIndicator", HealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("reason", "hub closed");
        });
    }
}
