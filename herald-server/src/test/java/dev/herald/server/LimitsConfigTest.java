package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitsConfigTest {

    @Test
    void theDefaultsCapTheSendBufferAndLimitNoClient() {
        LimitsConfig d = ServerConfig.defaults().limits();

        assertThat(d.socketSendBufferBytes()).as("the kernel's autotuning").isZero();
        assertThat(d.maxConnectionsPerIp()).isZero();
        assertThat(d.maxSubscriptionsPerSubject()).isZero();
        assertThat(d.publishRate()).isNull();
    }

    @Test
    void valuesAreChecked() {
        LimitsConfig d = LimitsConfig.defaults();

        assertThat(d.withSocketSendBufferBytes(0).socketSendBufferBytes()).as("0: autotuning").isZero();
        assertThatThrownBy(() -> d.withSocketSendBufferBytes(1000)).hasMessageContaining("at least 4096");
        assertThatThrownBy(() -> d.withMaxConnectionsPerIp(-1)).hasMessageContaining("max connections per IP");
        assertThatThrownBy(() -> d.withMaxSubscriptionsPerSubject(-1)).hasMessageContaining("per subject");
    }

    @Test
    void publishRatesAreParsed() {
        assertThat(PublishRate.parse("100/s")).isEqualTo(new PublishRate(100, Duration.ofSeconds(1)));
        assertThat(PublishRate.parse(" 600 / M ")).isEqualTo(new PublishRate(600, Duration.ofMinutes(1)));
        assertThat(PublishRate.parse("5000/h").toString()).isEqualTo("5000/h");
        assertThatThrownBy(() -> PublishRate.parse("0/s")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> PublishRate.parse("100")).hasMessageContaining("use e.g. 100/s");
        assertThatThrownBy(() -> PublishRate.parse("100/d")).hasMessageContaining("use e.g. 100/s");
    }
}
