package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.Update;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The hub's meters land in the application's own registry, and move with what the hub does. */
class HeraldMetricsTest {
    private final ApplicationContextRunner app = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    HeraldAutoConfiguration.class));

    @Test
    void publishesAreCountedAndTimedInTheApplicationsRegistry() {
        app.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            HeraldPublisher herald = context.getBean(HeraldPublisher.class);
            double before = registry.get("herald.updates.published").functionCounter().count();

            for (int i = 0; i < 3; i++) {
                herald.publish(Update.builder().topic("https://example.com/m").data("x" + i).build())
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
            }

            assertThat(registry.get("herald.updates.published").functionCounter().count()).isEqualTo(before + 3);
            assertThat(registry.get("herald.publish").timer().count()).isEqualTo(3);
            assertThat(registry.get("herald.subscribers").tag("protocol", "1.0").gauge().value()).isZero();
            assertThat(registry.get("herald.ready").gauge().value()).isEqualTo(1);
        });
    }

    @Test
    void withoutAnApplicationRegistryNothingIsBoundAndNothingFails() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HeraldAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(MeterRegistry.class);
                });
    }
}
