package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatsTest {
    /** A real line of /proc/PID/stat, with a command name holding a space and a parenthesis. */
    private static final String STAT = "4242 (nginx: (worker) x) S 4200 4200 4200 0 -1 4194624 1205 0 0 0 "
            + "731 269 0 0 20 0 1 0 9083 57524224 2143 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0";
    private static final String STATUS = "Name:\tnginx\nState:\tS (sleeping)\nVmPeak:\t  60000 kB\n"
            + "VmRSS:\t    8572 kB\nRssAnon:\t    2000 kB\n";

    @Test
    void cpuTicksAreUtimePlusStimeAfterTheCommandName() {
        assertThat(ProcStats.cpuTicks(STAT)).isEqualTo(731 + 269);
        assertThat(ProcStats.kernelTicks(STAT)).isEqualTo(269);
        assertThat(ProcStats.parentPid(STAT)).isEqualTo(4200);
    }

    @Test
    void rssComesFromVmRss() {
        assertThat(ProcStats.rssKb(STATUS)).isEqualTo(8572);
    }

    @Test
    void aSampleSumsTheProcessAndItsChildren(@TempDir Path proc) throws Exception {
        write(proc, 4200, "4200 (nginx) S 1 " + tail(100, 50), 1000);
        write(proc, 4242, "4242 (nginx) S 4200 " + tail(300, 200), 8000);
        write(proc, 4243, "4243 (nginx) S 4200 " + tail(1, 1), 500);
        write(proc, 5000, "5000 (java) S 1 " + tail(999, 999), 99999);

        ProcStats.Sample s = new ProcStats(proc).sample(4200);

        assertThat(s.pids()).containsExactlyInAnyOrder(4200L, 4242L, 4243L);
        assertThat(s.cpuMillis()).isEqualTo((150 + 500 + 2) * 1000 / ProcStats.TICKS_PER_SECOND);
        assertThat(s.kernelMillis()).isEqualTo((50 + 200 + 1) * 1000 / ProcStats.TICKS_PER_SECOND);
        assertThat(s.rssKb()).isEqualTo(9500);
    }

    @Test
    void severalServerProcessesAreSummedEachWithItsChildren(@TempDir Path proc) throws Exception {
        write(proc, 4200, "4200 (java) S 1 " + tail(100, 50), 1000);   // a hub
        write(proc, 4300, "4300 (java) S 1 " + tail(200, 20), 2000);   // another hub
        write(proc, 4400, "4400 (redis-server) S 1 " + tail(30, 10), 300);
        write(proc, 4401, "4401 (redis-server) S 4400 " + tail(3, 1), 30); // its background child
        write(proc, 5000, "5000 (java) S 1 " + tail(999, 999), 99999); // the load generator: not counted

        ProcStats.Sample s = new ProcStats(proc).sample(List.of(4200L, 4300L, 4400L));

        assertThat(s.pids()).containsExactlyInAnyOrder(4200L, 4300L, 4400L, 4401L);
        assertThat(s.cpuMillis()).isEqualTo((150 + 220 + 40 + 4) * 1000 / ProcStats.TICKS_PER_SECOND);
        assertThat(s.kernelMillis()).isEqualTo((50 + 20 + 10 + 1) * 1000 / ProcStats.TICKS_PER_SECOND);
        assertThat(s.rssKb()).isEqualTo(3330);
    }

    @Test
    void aSteadySampleTakesTheMedianRssAndTheLastCpu() {
        List<ProcStats.Sample> readings = List.of(
                new ProcStats.Sample(10, 1, 140_000, List.of(1L)),
                new ProcStats.Sample(11, 1, 121_000, List.of(1L)),  // after the allocator returned pages
                new ProcStats.Sample(12, 2, 122_000, List.of(1L)),
                new ProcStats.Sample(13, 2, 160_000, List.of(1L)),  // a compilation's scratch memory
                new ProcStats.Sample(14, 3, 121_500, List.of(1L, 2L)));

        ProcStats.Sample steady = ProcStats.withMedianRss(readings);

        assertThat(steady.rssKb()).isEqualTo(122_000);
        assertThat(steady.cpuMillis()).isEqualTo(14);
        assertThat(steady.kernelMillis()).isEqualTo(3);
        assertThat(steady.pids()).containsExactly(1L, 2L);
    }

    @Test
    void anEvenNumberOfReadingsTakesTheLowerMiddle() {
        List<ProcStats.Sample> readings = List.of(
                new ProcStats.Sample(1, 0, 300, List.of(1L)), new ProcStats.Sample(2, 0, 100, List.of(1L)));

        assertThat(ProcStats.withMedianRss(readings).rssKb()).isEqualTo(100);
    }

    @Test
    void aSteadySampleOfThisJvmReadsItSeveralTimes() throws Exception {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return; // not Linux
        }
        long before = System.nanoTime();
        ProcStats.Sample s = ProcStats.system().steadySample(List.of(ProcessHandle.current().pid()), 3, Duration.ofMillis(20));
        assertThat(s.rssKb()).isPositive();
        assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(Duration.ofMillis(40).toNanos());
        assertThatThrownBy(() -> ProcStats.system().steadySample(List.of(1L), 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readings");
    }

    @Test
    void readsThisJvm() throws Exception {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return; // not Linux
        }
        ProcStats.Sample s = ProcStats.system().sample(ProcessHandle.current().pid());
        assertThat(s.rssKb()).isPositive();
        assertThat(s.cpuMillis()).isPositive();
    }

    /** Fields 5.. of a stat line with the given utime and stime. */
    private static String tail(long utime, long stime) {
        return "0 0 0 -1 0 0 0 0 0 " + utime + " " + stime + " 0 0 20 0 1 0 1 1 1";
    }

    private static void write(Path proc, long pid, String stat, long rssKb) throws Exception {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), stat);
        Files.writeString(dir.resolve("status"), "Name:\tx\nVmRSS:\t" + rssKb + " kB\n");
    }
}
