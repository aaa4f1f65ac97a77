package dev.herald.server.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The client a connection comes from, as per-address limits count it. */
final class ClientAddress {
    private ClientAddress() {}

    /**
     * An IPv4 address as such; an IPv6 address by its /64 prefix, because one subscriber line or
     * host usually holds a whole /64 and could otherwise take a fresh address per connection.
     * IPv4-mapped IPv6 addresses arrive as IPv4 from the JDK.
     */
    static String of(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return String.valueOf(remote);
        }
        InetAddress address = socket.getAddress();
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString((b[i] & 0xff) << 8 | (b[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }
}
