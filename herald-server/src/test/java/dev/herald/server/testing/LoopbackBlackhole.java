package dev.herald.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the packets one loopback TCP connection sends in one direction vanish, as when a client's
 * network disappears: no FIN, no RST, the sender just never hears back. Both ends are on
 * 127.0.0.1, so a source and a destination port name exactly one connection; every other packet
 * passes on, and tests running alongside (in this JVM or another) are not disturbed.
 *
 * <p>How: a classic BPF program, attached with tc to lo's ingress hook (the {@code clsact} qdisc)
 * in direct-action mode, returns "drop" for that connection's IPv4 packets and "no verdict" for
 * the rest, so other filters still see them. Ingress, not egress: a drop on egress is reported
 * back to the sending stack, and TCP sees a local transmit failure (its data stays unsent, under
 * the window-probe timer) instead of a loss. Dropped on ingress, the packet was sent: the sender
 * waits for an acknowledgement and retransmits, as with a client gone from the network. The tools: this machine's kernel has no netem, prio qdisc, flower classifier or gact
 * ({@code action drop}), and no iptables or nft; clsact and cls_bpf are built in. Needs root and
 * {@code tc} (iproute2), and fails the test loudly without them.
 *
 * <p>Each rule's handle is the id of the process that installed it. A run killed before it could
 * remove its rules leaves them recognizably stale, and the next installation deletes every rule
 * whose process is gone. The qdisc is deleted once no filter at all is left on it. Changes to lo's
 * rules happen under a lock file, so one process never deletes the qdisc while another is about
 * to attach a rule to it.
 */
public final class LoopbackBlackhole implements AutoCloseable {
    /** tc filter priorities kept for these rules: one per rule a process holds at a time. */
    private static final int FIRST_PREF = 49_152;
    private static final int PREFS = 64;
    private static final long OWNER = ProcessHandle.current().pid();
    private static final Pattern FILTER = Pattern.compile("pref (\\d+) bpf chain \\d+ handle 0x([0-9a-f]+)");
    /** Priorities this process has rules at now. */
    private static final Set<Integer> HELD = ConcurrentHashMap.newKeySet();
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "herald-loopback-blackhole.lock");

    /** {@code TC_ACT_SHOT}: drop the packet. */
    private static final int DROP = 2;
    /** {@code TC_ACT_UNSPEC}: no verdict, the next filter (or none: pass) decides. */
    private static final int NO_VERDICT = -1;

    private final int pref;
    private boolean removed;

    private LoopbackBlackhole(int pref) {
        this.pref = pref;
    }

    /**
     * Drops, from now until {@link #close()}, every IPv4 TCP packet on lo from port {@code fromPort}
     * to port {@code toPort}.
     */
    public static LoopbackBlackhole drop(int fromPort, int toPort) {
        return locked(() -> install(fromPort, toPort));
    }

    private static LoopbackBlackhole install(int fromPort, int toPort) {
        removeStaleRules();
        for (int i = 0; i < PREFS; i++) {
            int pref = FIRST_PREF + i;
            if (!HELD.add(pref)) {
                continue;
            }
            ensureQdisc();
            Result r = tc("filter", "add", "dev", "lo", "ingress", "pref", Integer.toString(pref),
                    "handle", handle(), "protocol", "ip", "bpf", "bytecode", program(fromPort, toPort), "da");
            if (r.exit() == 0) {
                return new LoopbackBlackhole(pref);
            }
            HELD.remove(pref);
            if (!r.output().contains("File exists")) {
                throw new AssertionError("could not install the drop rule: " + r);
            }
            // a rule of an earlier process with our id: take the next priority
        }
        throw new AssertionError("no free tc priority for a drop rule in " + FIRST_PREF + ".."
                + (FIRST_PREF + PREFS - 1) + " on lo: " + tc("filter", "show", "dev", "lo", "ingress"));
    }

    /** Removes the rule (and the qdisc, if nothing else uses it); the connection's packets flow again. */
    @Override
    public void close() {
        if (removed) {
            return;
        }
        removed = true;
        Result r = locked(() -> {
            Result deleted = deleteRule(pref, OWNER);
            HELD.remove(pref);
            removeQdiscIfUnused();
            return deleted;
        });
        if (r.exit() != 0) {
            throw new AssertionError("could not remove the drop rule at tc priority " + pref + ": " + r);
        }
    }

    /**
     * The filter, in tc's classic BPF notation ({@code count,code jt jf k,…}). cls_bpf shows a
     * program the packet from its link-layer header on, on ingress too (lo's header is
     * Ethernet-sized, 14 bytes); the program checks for IPv4, TCP and not a later fragment, then
     * reads the two ports behind an IP header of any length.
     */
    private static String program(int fromPort, int toPort) {
        int[][] code = {
            {0x28, 0, 0, 12},          // 0: A = ethertype
            {0x15, 0, 10, 0x0800},     // 1: IPv4? else no verdict
            {0x30, 0, 0, 23},          // 2: A = IP protocol
            {0x15, 0, 8, 6},           // 3: TCP? else no verdict
            {0x28, 0, 0, 20},          // 4: A = flags and fragment offset
            {0x45, 6, 0, 0x1fff},      // 5: a later fragment (no TCP header)? no verdict
            {0xb1, 0, 0, 14},          // 6: X = IP header length
            {0x48, 0, 0, 14},          // 7: A = source port
            {0x15, 0, 3, fromPort},    // 8: ours? else no verdict
            {0x48, 0, 0, 16},          // 9: A = destination port
            {0x15, 0, 1, toPort},      // 10: ours? else no verdict
            {0x06, 0, 0, DROP},        // 11
            {0x06, 0, 0, NO_VERDICT},  // 12
        };
        StringBuilder sb = new StringBuilder().append(code.length);
        for (int[] op : code) {
            sb.append(',').append(op[0]).append(' ').append(op[1]).append(' ').append(op[2]).append(' ')
                    .append(Integer.toUnsignedString(op[3]));
        }
        return sb.toString();
    }

    private static String handle() {
        return "0x" + Long.toHexString(OWNER);
    }

    /**
     * Deletes the rules at our priorities left by processes that are gone, and by this process
     * before it was this one (a reused process id) — any rule with our id that we do not hold.
     */
    private static void removeStaleRules() {
        Matcher m = FILTER.matcher(tc("filter", "show", "dev", "lo", "ingress").output());
        while (m.find()) {
            int pref = Integer.parseInt(m.group(1));
            long owner = Long.parseLong(m.group(2), 16);
            if (pref < FIRST_PREF || pref >= FIRST_PREF + PREFS) {
                continue;
            }
            boolean stale = owner == OWNER ? !HELD.contains(pref)
                    : ProcessHandle.of(owner).map(p -> !p.isAlive()).orElse(true);
            if (stale) {
                deleteRule(pref, owner);
            }
        }
    }

    private static Result deleteRule(int pref, long owner) {
        return tc("filter", "del", "dev", "lo", "ingress", "pref", Integer.toString(pref),
                "handle", "0x" + Long.toHexString(owner), "protocol", "ip", "bpf");
    }

    private static void ensureQdisc() {
        if (hasQdisc()) {
            return;
        }
        Result r = tc("qdisc", "add", "dev", "lo", "clsact");
        if (r.exit() != 0 && !hasQdisc()) { // something outside these tests may have added it meanwhile
            throw new AssertionError("could not add the clsact qdisc to lo: " + r);
        }
    }

    private static boolean hasQdisc() {
        return tc("qdisc", "show", "dev", "lo").output().contains("qdisc clsact");
    }

    /** The qdisc goes once no filter is left on either of its hooks. */
    private static void removeQdiscIfUnused() {
        if (hasQdisc() && tc("filter", "show", "dev", "lo", "egress").output().isBlank()
                && tc("filter", "show", "dev", "lo", "ingress").output().isBlank()) {
            tc("qdisc", "del", "dev", "lo", "clsact");
        }
    }

    /** Runs {@code change} holding this JVM's monitor and the lock file other processes take too. */
    private static synchronized <T> T locked(Supplier<T> change) {
        try (FileChannel file = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            file.lock(); // released when the channel closes
            return change.get();
        } catch (IOException e) {
            throw new UncheckedIOException("could not take the lock file " + LOCK, e);
        }
    }

    private record Result(int exit, String output) {}

    private static Result tc(String... args) {
        List<String> command = new ArrayList<>(List.of("tc"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("this test needs tc (package iproute2) and root: " + e.getMessage(), e);
        }
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("tc did not finish: " + command);
            }
            if (output.contains("Operation not permitted")) {
                throw new AssertionError("this test needs root to change lo's tc rules: " + command + ": " + output);
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("could not read tc's output: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }
}
