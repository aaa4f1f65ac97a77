package dev.herald.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void untilReturnsOnceTheConditionHolds() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        Poll.until(() -> calls.incrementAndGet() >= 3, Duration.ofSeconds(5), () -> "three calls");

        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void untilFailsAfterItsTimeoutWithTheMessage() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> Poll.until(() -> false, Duration.ofMillis(50), () -> "the thing"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("the thing").hasMessageContaining("PT0.05S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void nothingArrivesWatchesForTheWholeQuietPeriod() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();

        Poll.nothingArrives(Duration.ofMillis(100), () -> calls.incrementAndGet() < 0, () -> "never");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(calls.get()).as("the condition was checked again and again").isGreaterThan(1);
    }

    @Test
    void nothingArrivesFailsAsSoonAsSomethingDoes() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> Poll.nothingArrives(Duration.ofSeconds(30), () -> calls.incrementAndGet() >= 2,
                () -> "a late event")).isInstanceOf(AssertionError.class).hasMessageContaining("a late event");
        assertThat(calls.get()).isEqualTo(2);
    }
}
