package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.testkit.RedisServer;
import dev.herald.transport.InMemoryTransport;
import dev.herald.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The hub as an application gets it from herald.* properties, on real histories. */
class HeraldAutoConfigurationTest {
    private final ApplicationContextRunner app = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HeraldAutoConfiguration.class));

    @TempDir
    Path dir;

    @Test
    void withoutPropertiesTheHubKeepsItsHistoryInMemoryAndPublishes() {
        app.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Hub.class).hasSingleBean(HeraldPublisher.class);
            assertThat(context.getBean(Transport.class)).isInstanceOf(InMemoryTransport.class);

            String id = publish(context.getBean(HeraldPublisher.class), "https://example.com/a", "hello");

            assertThat(history(context.getBean(Transport.class))).extracting(u -> u.update().id()).containsExactly(id);
        });
    }

    @Test
    void sqliteKeepsTheHistoryAcrossRestartsOfTheApplication() {
        Path data = dir.resolve("data");
        ApplicationContextRunner durable = app.withPropertyValues("herald.transport=sqlite",
                "herald.sqlite.data-dir=" + data, "herald.history-size=100");
        String[] id = new String[1];
        durable.run(context -> {
            assertThat(context).hasNotFailed();
            id[0] = publish(context.getBean(HeraldPublisher.class), "https://example.com/a", "kept");
        });
        assertThat(Files.exists(data.resolve("herald.db"))).isTrue();

        durable.run(context -> assertThat(history(context.getBean(Transport.class)))
                .extracting(u -> u.update().id()).containsExactly(id[0]));
    }

    @Test
    void redisSharesTheHistoryBetweenInstances() throws Exception {
        try (RedisServer redis = RedisServer.start(Files.createDirectories(dir.resolve("redis")))) {
            ApplicationContextRunner shared = app.withPropertyValues("herald.transport=redis",
                    "herald.redis.url=" + redis.url());
            shared.run(first -> shared.run(second -> {
                String id = publish(first.getBean(HeraldPublisher.class), "https://example.com/a", "everywhere");
                assertThat(second.getBean(Transport.class).sequenceOf(id)).isPresent();
            }));
        }
    }

    @Test
    void closingTheApplicationClosesTheHub() {
        Hub[] hub = new Hub[1];
        app.run(context -> hub[0] = context.getBean(Hub.class));

        assertThat(hub[0].health().ready()).isFalse();
    }

    @Test
    void anApplicationsOwnHubWins() {
        app.withUserConfiguration(OwnHub.class).run(context -> {
            assertThat(context).hasSingleBean(Hub.class);
            assertThat(context.getBean(Hub.class)).isSameAs(context.getBean(OwnHub.class).hub);
        });
    }

    @Test
    void settingsThatCannotWorkFailStartupNamingTheProperty() {
        app.withPropertyValues("herald.transport=redis").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("herald.transport=redis needs herald.redis.url"));
        app.withPropertyValues("herald.retention-age=1h").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("herald.retention-age applies to the sqlite and redis transports"));
        app.withPropertyValues("herald.history-size=0").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("herald.history-size must be at least 1"));
        app.withPropertyValues("herald.transport=postgres").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("postgres"));
        app.withPropertyValues("herald.transport=sqlite", "herald.sqlite.durability=sometimes",
                "herald.sqlite.data-dir=" + dir).run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("sometimes"));
    }

    static String publish(HeraldPublisher publisher, String topic, String data) throws Exception {
        return publisher.publish(Update.builder().topic(topic).data(data).build()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    static List<StoredUpdate> history(Transport transport) {
        return transport.readAfter(0, 1000);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnHub {
        final Hub hub = new Hub(new InMemoryTransport(5), HubConfig.defaults());

        @Bean
        Hub hub() {
            return hub;
        }
    }
}
