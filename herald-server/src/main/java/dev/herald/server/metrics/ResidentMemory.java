package dev.herald.server.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident set (VmRSS in /proc/self/status, Linux): the memory the operating system
 * charges the hub for, heap, direct buffers and native memory alike. Micrometer's process meters
 * have no such figure; a long run watches it for leaks.
 */
final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {}

    static boolean available() {
        return bytes() >= 0;
    }

    /** Bytes, or -1 where /proc/self/status is not there to read. */
    static double bytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or a kernel without the field
        }
        return -1;
    }
}
