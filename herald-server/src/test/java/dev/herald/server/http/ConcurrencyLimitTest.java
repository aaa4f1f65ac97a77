package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {

    @Test
    void admitsUpToTheLimitPerKeyAndAgainOnceASlotIsReleased() {
        ConcurrencyLimit limit = new ConcurrencyLimit(2);

        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).as("third for a").isFalse();
        assertThat(limit.tryAcquire("b")).as("another key has its own slots").isTrue();

        limit.release("a");
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isFalse();
    }

    @Test
    void aKeyIsForgottenWithItsLastSlot() {
        ConcurrencyLimit limit = new ConcurrencyLimit(3);
        limit.tryAcquire("a");
        limit.tryAcquire("a");
        limit.tryAcquire("b");

        limit.release("a");
        limit.release("b");
        assertThat(limit.keys()).isEqualTo(1);
        limit.release("a");

        assertThat(limit.keys()).isZero();
    }

    @Test
    void racingAcquiresAndReleasesNeitherLeakNorOvershoot() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit(4);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    int admitted = 0;
                    for (int i = 0; i < 20_000; i++) {
                        if (limit.tryAcquire("k")) {
                            admitted++;
                            limit.release("k");
                        }
                    }
                    return admitted;
                }));
            }
            for (Future<Integer> run : runs) {
                assertThat(run.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(limit.keys()).isZero();
        for (int i = 0; i < 4; i++) {
            assertThat(limit.tryAcquire("k")).isTrue();
        }
        assertThat(limit.tryAcquire("k")).isFalse();
    }
}
