package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.PublishRate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PublishRateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aFullBucketAllowsABurstThenOnePerIntervalAndSaysHowLongToWait() {
        PublishRateLimiter limiter = new PublishRateLimiter(PublishRate.parse("4/s"), now::get);

        for (int i = 0; i < 4; i++) {
            assertThat(limiter.tryAcquire("alice")).as("publish %d of the burst", i).isZero();
        }
        long wait = limiter.tryAcquire("alice");
        assertThat(wait).as("the fifth waits one interval").isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        assertThat(limiter.tryAcquire("bob")).as("another subject has its own bucket").isZero();

        advance(Duration.ofMillis(249));
        assertThat(limiter.tryAcquire("alice")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1));
        advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire("alice")).isZero();
        assertThat(limiter.tryAcquire("alice")).isPositive();
    }

    @Test
    void aRefusedPublishTakesNothingFromTheBucket() {
        PublishRateLimiter limiter = new PublishRateLimiter(PublishRate.parse("1/m"), now::get);
        assertThat(limiter.tryAcquire("alice")).isZero();
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire("alice")).isPositive();
        }

        advance(Duration.ofMinutes(1));

        assertThat(limiter.tryAcquire("alice")).isZero();
    }

    @Test
    void subjectsWhoseBucketsRefilledAreForgottenWhenTheMapGrows() {
        PublishRateLimiter limiter = new PublishRateLimiter(PublishRate.parse("10/s"), now::get);
        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire("idle-" + i);
        }
        advance(Duration.ofSeconds(1));

        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("active-" + i);
        }

        assertThat(limiter.subjects()).as("only the subjects whose buckets are not full").isEqualTo(100);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }
}
