package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the soak watches of one process in {@code /proc}: resident memory, threads, open files and
 * CPU time. Parsing is separate from reading so it can be tested on fixed text.
 */
final class ProcGauges {
    record Reading(long rssKb, int threads, int openFiles, long cpuMillis) {}

    private final Path proc;

    ProcGauges(Path proc) {
        this.proc = proc;
    }

    static ProcGauges system() {
        return new ProcGauges(Path.of("/proc"));
    }

    Reading read(long pid) throws IOException {
        Path dir = proc.resolve(Long.toString(pid));
        String status = Files.readString(dir.resolve("status"));
        int files;
        try (Stream<Path> fds = Files.list(dir.resolve("fd"))) {
            files = (int) fds.count();
        }
        long cpu = ProcStats.cpuTicks(Files.readString(dir.resolve("stat"))) * 1000 / ProcStats.TICKS_PER_SECOND;
        return new Reading(ProcStats.rssKb(status), threads(status), files, cpu);
    }

    /** {@code Threads:} from {@code /proc/<pid>/status}. */
    static int threads(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).trim());
            }
        }
        throw new IllegalArgumentException("no Threads line in status");
    }
}
