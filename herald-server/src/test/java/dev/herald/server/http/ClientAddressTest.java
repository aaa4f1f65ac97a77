package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void anIpv4ClientIsItsAddress() throws Exception {
        assertThat(ClientAddress.of(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 40000)))
                .isEqualTo("192.0.2.7");
    }

    @Test
    void anIpv6ClientIsItsSlash64() throws Exception {
        String a = ClientAddress.of(new InetSocketAddress(InetAddress.getByName("2001:db8:0:12::1"), 40000));
        String b = ClientAddress.of(new InetSocketAddress(InetAddress.getByName("2001:db8:0:12:ffff:1:2:3"), 40001));
        String other = ClientAddress.of(new InetSocketAddress(InetAddress.getByName("2001:db8:0:13::1"), 40000));

        assertThat(a).isEqualTo("2001:db8:0:12::/64").isEqualTo(b);
        assertThat(other).isNotEqualTo(a);
    }

    @Test
    void anIpv4MappedAddressCountsAsIpv4() throws Exception {
        assertThat(ClientAddress.of(new InetSocketAddress(InetAddress.getByName("::ffff:192.0.2.7"), 40000)))
                .isEqualTo("192.0.2.7");
    }
}
