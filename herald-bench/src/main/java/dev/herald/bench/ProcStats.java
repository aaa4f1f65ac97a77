package dev.herald.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CPU time and resident memory of a server process and its direct children (nginx workers), read
 * from {@code /proc}. Parsing is separated from reading so it can be tested on fixed text.
 */
final class ProcStats {
    /** Linux USER_HZ; the kernel reports utime and stime in these ticks. */
    static final long TICKS_PER_SECOND = 100;

    /** A sample summed over the processes it covers; {@code kernelMillis} is the part of {@code cpuMillis} in system calls and the kernel. */
    record Sample(long cpuMillis, long kernelMillis, long rssKb, List<Long> pids) {}

    private final Path proc;

    ProcStats(Path proc) {
        this.proc = proc;
    }

    static ProcStats system() {
        return new ProcStats(Path.of("/proc"));
    }

    /** The process and its direct children, summed. */
    Sample sample(long pid) throws IOException {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        pids.addAll(children(pid));
        long ticks = 0;
        long kernelTicks = 0;
        long rss = 0;
        for (long p : pids) {
            try {
                String stat = Files.readString(proc.resolve(p + "/stat"));
                ticks += cpuTicks(stat);
                kernelTicks += kernelTicks(stat);
                rss += rssKb(Files.readString(proc.resolve(p + "/status")));
            } catch (IOException e) {
                if (p == pid) {
                    throw e; // a child may exit between listing and reading; the server must not
                }
            }
        }
        return new Sample(ticks * 1000 / TICKS_PER_SECOND, kernelTicks * 1000 / TICKS_PER_SECOND, rss, pids);
    }

    /** Several server processes (the hubs of a cluster and its Redis), each with its children, summed. */
    Sample sample(List<Long> serverPids) throws IOException {
        long cpu = 0, kernel = 0, rss = 0;
        List<Long> pids = new ArrayList<>();
        for (long pid : serverPids) {
            Sample s = sample(pid);
            cpu += s.cpuMillis();
            kernel += s.kernelMillis();
            rss += s.rssKb();
            pids.addAll(s.pids());
        }
        return new Sample(cpu, kernel, rss, pids);
    }

    /**
     * {@code readings} samples {@code spacing} apart, as one: the median RSS and the last reading's
     * CPU. A single reading of RSS catches whatever the process is doing at that instant (a JIT
     * compilation's scratch memory, an allocator about to return pages); the median of a few
     * seconds is what stays resident.
     */
    Sample steadySample(List<Long> pids, int readings, Duration spacing) throws IOException, InterruptedException {
        if (readings < 1) {
            throw new IllegalArgumentException("readings must be at least 1, got: " + readings);
        }
        List<Sample> samples = new ArrayList<>(readings);
        for (int i = 0; i < readings; i++) {
            if (i > 0) {
                Thread.sleep(spacing.toMillis());
            }
            samples.add(sample(pids));
        }
        return withMedianRss(samples);
    }

    /** The last sample with its RSS replaced by the median RSS of all of them (the lower middle for an even count). */
    static Sample withMedianRss(List<Sample> samples) {
        long[] rss = samples.stream().mapToLong(Sample::rssKb).toArray();
        Arrays.sort(rss);
        Sample last = samples.get(samples.size() - 1);
        return new Sample(last.cpuMillis(), last.kernelMillis(), rss[(rss.length - 1) / 2], last.pids());
    }

    private List<Long> children(long pid) throws IOException {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path dir : dirs) {
                try {
                    if (parentPid(Files.readString(dir.resolve("stat"))) == pid) {
                        out.add(Long.parseLong(dir.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // the process exited or is not readable: not one of ours
                }
            }
        }
        return out;
    }

    /** utime + stime from {@code /proc/<pid>/stat}; the command name may contain spaces and ')'. */
    static long cpuTicks(String stat) {
        String[] f = fieldsAfterName(stat);
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
    }

    /** stime alone: time the kernel spent on the process's behalf (for a server, mostly sending). */
    static long kernelTicks(String stat) {
        return Long.parseLong(fieldsAfterName(stat)[12]); // field 15 of proc(5)
    }

    static long parentPid(String stat) {
        return Long.parseLong(fieldsAfterName(stat)[1]); // field 4 of proc(5)
    }

    /** VmRSS from {@code /proc/<pid>/status}, in kB. */
    static long rssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalArgumentException("no VmRSS line in status (kernel thread?)");
    }

    /** Fields from field 3 (state) on. */
    private static String[] fieldsAfterName(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc stat line: " + stat);
        }
        return stat.substring(close + 2).trim().split(" ");
    }
}
