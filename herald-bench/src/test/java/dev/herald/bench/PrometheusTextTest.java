package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String TEXT = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 4.194304E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 8179712.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 1.8908688E7
            jvm_gc_live_data_size_bytes 0.0
            herald_subscriptions_ended_total{reason="slow_subscriber"} 12.0
            herald_subscriptions_ended_total{reason="client_gone"} 300.0
            odd_label{path="a \\"quoted\\", comma",x="y"} 1 1700000000000
            gauge_inf +Inf
            """;

    @Test
    void samplesAreSummedByNameAndLabels() {
        PrometheusText m = PrometheusText.parse(TEXT);

        assertThat(m.sum("jvm_memory_used_bytes", "area", "heap")).isEqualTo(4.194304E7 + 8179712.0);
        assertThat(m.sum("jvm_memory_used_bytes", "id", "G1 Old Gen")).isEqualTo(8179712.0);
        assertThat(m.sum("jvm_memory_used_bytes")).isEqualTo(4.194304E7 + 8179712.0 + 1.8908688E7);
        assertThat(m.sum("herald_subscriptions_ended_total", "reason", "slow_subscriber")).isEqualTo(12.0);
        assertThat(m.sum("jvm_gc_live_data_size_bytes")).isZero();
        assertThat(m.sum("gauge_inf")).isInfinite();
    }

    @Test
    void anAbsentMetricIsNullNotZero() {
        assertThat(PrometheusText.parse(TEXT).sum("herald_nothing")).isNull();
        assertThat(PrometheusText.parse(TEXT).sum("jvm_memory_used_bytes", "area", "offheap")).isNull();
    }

    @Test
    void quotedLabelValuesMayHoldEscapedQuotesAndCommasAndATimestampMayFollow() {
        PrometheusText.Sample s = PrometheusText.parse(TEXT).samples().stream()
                .filter(x -> x.name().equals("odd_label")).findFirst().orElseThrow();

        assertThat(s.labels()).containsEntry("path", "a \"quoted\", comma").containsEntry("x", "y");
        assertThat(s.value()).isEqualTo(1);
    }

    @Test
    void aLineThatDoesNotParseIsNamed() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbroken{a=b} 2\n"))
                .hasMessageContaining("metrics line 2").hasMessageContaining("broken{a=b} 2");
        assertThatThrownBy(() -> PrometheusText.parse("novalue\n")).hasMessageContaining("metrics line 1");
    }
}
