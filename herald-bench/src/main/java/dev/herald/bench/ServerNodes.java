package dev.herald.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The server under test as one or more processes: {@code --port 18080,18081,18082} names the
 * nodes of a cluster (hubs sharing one Redis), {@code --server-pid 11,12,13,14} every process whose
 * CPU and memory count as the server's (the hubs and Redis). One port and one pid is the
 * single-server case every other scenario uses.
 */
record ServerNodes(List<InetSocketAddress> addresses, List<Long> pids) {
    private static final Pattern NUMBER_LIST = Pattern.compile("[0-9]{1,10}(,[0-9]{1,10})*");

    ServerNodes {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one server address is needed");
        }
        addresses = List.copyOf(addresses);
        pids = List.copyOf(pids);
    }

    /** From {@code --host}, {@code --port} (a comma-separated list) and {@code --server-pid} (a list too, if present). */
    static ServerNodes from(Args args) {
        String host = args.string("host", "127.0.0.1");
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (long port : numbers("port", args.string("port", "8080"))) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("--port must list ports between 1 and 65535, got: " + port);
            }
            addresses.add(new InetSocketAddress(host, (int) port));
        }
        String pids = args.string("server-pid", null);
        return new ServerNodes(addresses, pids == null ? List.of() : numbers("server-pid", pids));
    }

    /** One server at {@code address} (whose processes are not sampled through this record). */
    static ServerNodes single(InetSocketAddress address) {
        return new ServerNodes(List.of(address), List.of());
    }

    private static List<Long> numbers(String option, String value) {
        if (!NUMBER_LIST.matcher(value).matches()) {
            throw new IllegalArgumentException("--" + option + " takes a number or a comma-separated list of numbers, got: "
                    + value);
        }
        List<Long> out = new ArrayList<>();
        for (String part : value.split(",")) {
            out.add(Long.parseLong(part));
        }
        return out;
    }

    /** The node a shard's subscribers connect to: shards are spread evenly over the nodes. */
    InetSocketAddress forShard(int shard) {
        return addresses.get(shard % addresses.size());
    }

    InetSocketAddress first() {
        return addresses.get(0);
    }

    int size() {
        return addresses.size();
    }
}
