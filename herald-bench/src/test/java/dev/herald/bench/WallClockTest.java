package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WallClockTest {
    /** Epoch nanoseconds at which the simulated world starts. */
    private static final long WALL_ORIGIN = 1_795_000_000_000_000_000L;
    /** A nanoTime origin unrelated to the wall clock, as on a real JVM. */
    private static final long NANO_ORIGIN = 123_456_789_000L;

    /**
     * A world with one true time: each clock reading costs 40 ns, and the thread is descheduled
     * for 3 ms between a nanoTime and a wall-clock reading on the listed pairs.
     */
    private static final class World {
        private final Set<Integer> preemptedPairs;
        long now;
        int wallReads;

        World(Set<Integer> preemptedPairs) {
            this.preemptedPairs = preemptedPairs;
        }

        long nanoTime() {
            now += 40;
            return NANO_ORIGIN + now;
        }

        Instant wall() {
            if (preemptedPairs.contains(wallReads++)) {
                now += 3_000_000;
            }
            now += 40;
            long epochNanos = WALL_ORIGIN + now;
            return Instant.ofEpochSecond(epochNanos / 1_000_000_000L, epochNanos % 1_000_000_000L);
        }

        long trueWallMicros() {
            return (WALL_ORIGIN + now) / 1_000;
        }
    }

    @Test
    void aSinglePairTakenAcrossADeschedulingIsOffByMilliseconds() {
        World world = new World(Set.of(0));
        WallClock.Calibration c = WallClock.Calibration.of(world::nanoTime, world::wall, 1);

        long error = c.micros(world.nanoTime()) - world.trueWallMicros();

        assertThat(Math.abs(error)).isGreaterThan(1_000);
        assertThat(c.uncertaintyNanos()).isGreaterThan(1_000_000);
    }

    @Test
    void theTightestOfManyPairsPutsStampsWithinAMicrosecondOfTheWallClock() {
        World world = new World(Set.of(0, 1, 7, 30));
        WallClock.Calibration c = WallClock.Calibration.of(world::nanoTime, world::wall, 50);
        world.now += 2_500_000_000L; // stamps taken long after calibration keep the offset

        long error = c.micros(world.nanoTime()) - world.trueWallMicros();

        assertThat(Math.abs(error)).isLessThanOrEqualTo(1);
        assertThat(c.uncertaintyNanos()).isLessThanOrEqualTo(40);
    }

    @Test
    void thisProcessIsCalibratedToWellUnderTheLatenciesItMeasures() {
        assertThat(WallClock.uncertaintyNanos()).isLessThan(100_000);
        long before = Instant.now().toEpochMilli();
        long stamp = WallClock.micros() / 1_000;
        long after = Instant.now().toEpochMilli();
        assertThat(stamp).isBetween(before - 1, after + 1);
    }

    @Test
    void refusesToCalibrateWithoutReadings() {
        World world = new World(Set.of());
        assertThatThrownBy(() -> WallClock.Calibration.of(world::nanoTime, world::wall, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reads must be positive: 0");
    }
}
