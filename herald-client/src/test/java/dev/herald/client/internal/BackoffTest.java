package dev.herald.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration NEVER_OPEN = Duration.ZERO;

    @Test
    void theFirstReconnectionWaitsExactlyTheReconnectionTime() {
        Backoff b = Backoff.initial(Duration.ofMillis(3000), Duration.ofSeconds(30), 0.5, Duration.ofSeconds(60));

        assertThat(b.apply(NEVER_OPEN, () -> 0.99).delay()).isEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void repeatedFailuresDoubleUpToTheCap() {
        assertThat(delays(Backoff.initial(Duration.ofMillis(100), Duration.ofMillis(1000), 0, Duration.ofSeconds(60)), 7))
                .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L, 1000L);
    }

    @Test
    void jitterRemovesAtMostItsFractionOfABackedOffDelay() {
        Backoff b = Backoff.initial(Duration.ofMillis(100), Duration.ofMillis(1000), 0.5, Duration.ofSeconds(60));
        Backoff.Step first = b.apply(NEVER_OPEN, () -> 0.999);
        Backoff.Step second = first.next().apply(NEVER_OPEN, () -> 0.999);
        Backoff.Step third = second.next().apply(NEVER_OPEN, () -> 0.0);

        assertThat(first.delay()).isEqualTo(Duration.ofMillis(100));
        assertThat(second.delay().toMillis()).isBetween(100L, 101L);
        assertThat(third.delay()).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aStableConnectionResetsTheBackoff() {
        Backoff b = Backoff.initial(Duration.ofMillis(100), Duration.ofMillis(1000), 0, Duration.ofSeconds(60));
        Backoff afterThree = b.apply(NEVER_OPEN, () -> 0).next().apply(NEVER_OPEN, () -> 0).next()
                .apply(NEVER_OPEN, () -> 0).next();

        assertThat(afterThree.apply(Duration.ofSeconds(59), () -> 0).delay()).isEqualTo(Duration.ofMillis(800));
        assertThat(afterThree.apply(Duration.ofSeconds(60), () -> 0).delay()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void theCapNeverShortensTheServersRetry() {
        Backoff b = Backoff.initial(Duration.ofMillis(100), Duration.ofMillis(1000), 0, Duration.ofSeconds(60))
                .withBase(Duration.ofMillis(5000));

        assertThat(delays(b, 3)).containsExactly(5000L, 5000L, 5000L);
    }

    @Test
    void manyFailuresClimbToAHugeCapAndStayThereWithoutOverflowing() {
        long cap = Duration.ofDays(365_000).toMillis(); // about 2^44.8 ms: reached by doubling 1 ms 45 times
        Backoff b = Backoff.initial(Duration.ofMillis(1), Duration.ofDays(365_000), 0, Duration.ofSeconds(60));

        List<Long> delays = delays(b, 200);

        assertThat(delays.subList(0, 45)).as("doubling from 1 ms below the cap")
                .isEqualTo(java.util.stream.LongStream.range(0, 45).mapToObj(i -> 1L << i).toList());
        assertThat(delays.subList(45, 200)).as("every later delay").containsOnly(cap);
    }

    @Test
    void aPolicyIsImmutable() {
        Backoff b = Backoff.initial(Duration.ofMillis(100), Duration.ofMillis(1000), 0, Duration.ofSeconds(60));
        b.apply(NEVER_OPEN, () -> 0);

        assertThat(b.failures()).isZero();
        assertThat(b.apply(NEVER_OPEN, () -> 0).delay()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void jitterOutsideZeroToOneIsRejectedNamingIt() {
        assertThatThrownBy(() -> Backoff.initial(Duration.ZERO, Duration.ZERO, 1.5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("jitter must be within [0, 1]: 1.5");
    }

    private static List<Long> delays(Backoff b, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Backoff.Step s = b.apply(NEVER_OPEN, () -> 0);
            out.add(s.delay().toMillis());
            b = s.next();
        }
        return out;
    }
}
