package dev.herald.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the Linux kernel holds for TCP sockets, as {@code ss -tm} and {@code /proc} report it: the
 * memory of each connection of a port, the machine's TCP memory and a process's resident size.
 * Fails the test loudly where these are not available, rather than skipping.
 */
public final class KernelSockets {
    private static final Pattern ADDRESS = Pattern.compile(":(\\d+)$");
    private static final Pattern SKMEM = Pattern.compile("skmem:\\(([^)]*)\\)");
    private static final Pattern SOCKSTAT_TCP = Pattern.compile("^TCP:.* mem (\\d+)$", Pattern.MULTILINE);
    private static final Pattern RSS = Pattern.compile("^VmRSS:\\s+(\\d+) kB$", Pattern.MULTILINE);

    /** The page size of {@code /proc/net/sockstat}'s {@code mem}: 4 KiB on the machines we run on. */
    public static final long PAGE = 4096;

    private KernelSockets() {}

    /**
     * One TCP socket.
     *
     * @param state as ss names it: ESTAB, FIN-WAIT-1, CLOSE-WAIT…
     * @param receiveQueued bytes of received data the socket holds ({@code r}, rmem_alloc)
     * @param receiveBuffer its receive buffer limit ({@code rb})
     * @param sendQueued memory of the data queued for sending, unacknowledged included ({@code w})
     * @param sendBuffer its send buffer limit ({@code tb}): twice SO_SNDBUF once that is set
     * @param reserved memory reserved ahead ({@code f}, forward_alloc)
     */
    public record Socket(String state, int localPort, int peerPort, long receiveQueued, long receiveBuffer,
            long sendQueued, long sendBuffer, long reserved) {

        /** What the socket is charged in the kernel's TCP memory. */
        public long charged() {
            return receiveQueued + sendQueued + reserved;
        }
    }

    /** Every TCP socket, in any state, with {@code port} as its local or its peer port. */
    public static List<Socket> ofPort(int port) {
        String out = run("ss", "-tanmH", "( sport = :" + port + " or dport = :" + port + " )");
        List<String> entries = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && !entries.isEmpty()) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.trim());
            } else {
                entries.add(line.trim());
            }
        }
        List<Socket> sockets = new ArrayList<>();
        for (String entry : entries) {
            String[] f = entry.split("\\s+");
            if (f.length >= 5 && f[0].equals("TIME-WAIT")) {
                // A closed connection's remnant (a publisher's, say): ss shows it without memory, and it holds none.
                sockets.add(new Socket(f[0], port(f[3]), port(f[4]), 0, 0, 0, 0, 0));
                continue;
            }
            Matcher m = SKMEM.matcher(entry);
            if (f.length < 5 || !m.find()) {
                throw new AssertionError("unexpected ss output:\n" + out);
            }
            Map<String, Long> mem = parseSkmem(m.group(1));
            sockets.add(new Socket(f[0], port(f[3]), port(f[4]), mem.get("r"), mem.get("rb"), mem.get("w"),
                    mem.get("tb"), mem.get("f")));
        }
        return sockets;
    }

    /** The sockets of connections accepted on {@code serverPort}: the server's side, listener excluded. */
    public static List<Socket> serverSide(int serverPort) {
        return ofPort(serverPort).stream()
                .filter(s -> s.localPort() == serverPort && !s.state().equals("LISTEN")).toList();
    }

    /** The machine's TCP memory, in pages, from {@code /proc/net/sockstat}. */
    public static long tcpMemoryPages() {
        Matcher m = SOCKSTAT_TCP.matcher(read(Path.of("/proc/net/sockstat")));
        if (!m.find()) {
            throw new AssertionError("no TCP mem in /proc/net/sockstat");
        }
        return Long.parseLong(m.group(1));
    }

    /** A process's resident set size, in bytes, from {@code /proc/<pid>/status}. */
    public static long residentBytes(long pid) {
        Matcher m = RSS.matcher(read(Path.of("/proc", Long.toString(pid), "status")));
        if (!m.find()) {
            throw new AssertionError("no VmRSS for process " + pid);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static Map<String, Long> parseSkmem(String fields) {
        // r0,rb131072,t0,tb16384,f0,w0,o0,bl0,d0
        return java.util.Arrays.stream(fields.split(",")).collect(Collectors.toMap(
                f -> f.replaceAll("\\d+$", ""), f -> Long.parseLong(f.replaceAll("^\\D+", ""))));
    }

    private static int port(String address) {
        Matcher m = ADDRESS.matcher(address);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (iproute2's ss is needed)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command[0], e);
        }
    }
}
