package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SoakConfigTest {
    static SoakConfig config(double minutes, String... extra) {
        String[] base = {"--server-pid", "4242", "--out", "/tmp/soak-test", "--minutes", String.valueOf(minutes)};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return SoakConfig.from(new Args(all, 0));
    }

    @Test
    void theDefaultsAreTheModerateLoad() {
        SoakConfig c = config(30);

        assertThat(c.sampleSeconds()).isEqualTo(10);
        assertThat(c.subscribers()).isEqualTo(2000);
        assertThat(c.rate()).isEqualTo(200);
        assertThat(c.hotTopics()).isEqualTo(50);
        assertThat(c.runSeconds()).isEqualTo(1800);
    }

    @Test
    void badValuesAreRefusedWithTheOptionNamed() {
        assertThatThrownBy(() -> config(0.1)).hasMessage("--minutes must be at least 0.5, got: 0.1");
        assertThatThrownBy(() -> config(30, "--subscribers", "-5")).hasMessageContaining("--subscribers must be at least 1");
        assertThatThrownBy(() -> config(30, "--rate", "lots")).hasMessageContaining("--rate must be a number");
        assertThatThrownBy(() -> config(3, "--sample", "60")).hasMessageContaining("fewer than 4 samples");
        assertThatThrownBy(() -> config(30, "--burst-every", "1")).hasMessageContaining("--burst-every must be 0");
        assertThatThrownBy(() -> config(30, "--sources", "300")).hasMessageContaining("--sources must be at most 250");
        assertThatThrownBy(() -> SoakConfig.from(new Args(new String[] {"--server-pid", "12;rm", "--out", "x"}, 0)))
                .hasMessageContaining("--server-pid must be a process id");
        assertThatThrownBy(() -> SoakConfig.from(new Args(new String[] {"--out", "x"}, 0)))
                .hasMessage("missing option --server-pid");
    }

    @Test
    void burstsStartEveryIntervalAndSpreadOverOneSecond() {
        SoakConfig c = config(30, "--burst-size", "1000", "--burst-every", "60");

        assertThat(SoakPublisher.burstsDue(c, 59.9)).isZero();
        assertThat(SoakPublisher.burstsDue(c, 60.5)).isEqualTo(500);
        assertThat(SoakPublisher.burstsDue(c, 61.5)).isEqualTo(1000);
        assertThat(SoakPublisher.burstsDue(c, 120.25)).isEqualTo(1250);
        assertThat(SoakPublisher.burstsDue(config(30, "--burst-every", "0"), 500)).isZero();
    }

    @Test
    void aNewSubscriberHasOneToThreeDistinctTopics() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            int[] topics = SoakTopics.forSubscriber(random, 4, 1);
            assertThat(topics.length).isBetween(1, 3);
            assertThat(topics).doesNotHaveDuplicates();
            assertThat(java.util.Arrays.stream(topics).boxed().toList()).allSatisfy(t -> assertThat(t).isBetween(0, 3));
        }
        assertThat(SoakTopics.forSubscriber(random, 1, 1)).containsExactly(0);
    }
}
