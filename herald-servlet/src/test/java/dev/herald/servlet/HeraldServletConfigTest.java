package dev.herald.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.protocol.auth.AuthConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeraldServletConfigTest {

    @Test
    void theDefaultsAreTheStandaloneHubs() {
        HeraldServletConfig config = HeraldServletConfig.defaults();

        assertThat(config.auth()).isEqualTo(AuthConfig.locked());
        assertThat(config.subscriberBufferBytes()).isEqualTo(512 * 1024);
        assertThat(config.maxTopicsPerRequest()).isEqualTo(100);
        assertThat(config.maxMatcherLength()).isEqualTo(2048);
        assertThat(config.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(config.maxConnectionLifetime()).isNull();
        assertThat(config.streamThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void eachWitherChangesItsOptionOnly() {
        HeraldServletConfig config = HeraldServletConfig.defaults().withSubscriberBufferBytes(1000)
                .withMaxBodyBytes(2000).withMaxConnectionLifetime(Duration.ofMinutes(5)).withStreamThreads(3);
        SignedInTopics topics = user -> List.of("https://inbox.example/users/" + user.getName());

        assertThat(config).isEqualTo(new HeraldServletConfig(AuthConfig.locked(), 1000, 100, 2048, 2000,
                Duration.ofMinutes(5), 3, null));
        assertThat(config.withSignedInTopics(topics)).isEqualTo(new HeraldServletConfig(AuthConfig.locked(), 1000, 100,
                2048, 2000, Duration.ofMinutes(5), 3, topics));
    }

    @Test
    void invalidValuesAreRefusedByName() {
        HeraldServletConfig defaults = HeraldServletConfig.defaults();
        assertThatThrownBy(() -> defaults.withSubscriberBufferBytes(0))
                .hasMessage("subscriberBufferBytes must be positive: 0");
        assertThatThrownBy(() -> defaults.withStreamThreads(-1)).hasMessage("streamThreads must be positive: -1");
        assertThatThrownBy(() -> defaults.withMaxConnectionLifetime(Duration.ZERO))
                .hasMessage("maxConnectionLifetime must be positive: PT0S");
        assertThatThrownBy(() -> defaults.withAuth(null)).hasMessage("auth");
    }
}
