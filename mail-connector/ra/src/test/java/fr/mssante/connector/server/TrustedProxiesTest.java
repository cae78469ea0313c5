package fr.mssante.connector.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {

    @Test
    void blankTrustsNobody() throws UnknownHostException {
        assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse(null).contains(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    @Test
    void ipv4AndIpv6NetworksContainTheirAddressesOnly() throws UnknownHostException {
        TrustedProxies trusted = TrustedProxies.parse(" 10.1.0.0/16 , 192.0.2.5/32,2001:db8:40::/42, 127.0.0.5");

        assertThat(trusted.contains(InetAddress.getByName("10.1.255.7"))).isTrue();
        assertThat(trusted.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(trusted.contains(InetAddress.getByName("192.0.2.5"))).isTrue();
        assertThat(trusted.contains(InetAddress.getByName("192.0.2.4"))).isFalse();
        assertThat(trusted.contains(InetAddress.getByName("2001:db8:7f::1"))).isTrue();
        assertThat(trusted.contains(InetAddress.getByName("2001:db8:80::1"))).isFalse();
        assertThat(trusted.contains(InetAddress.getByName("127.0.0.5"))).isTrue();
        assertThat(trusted.contains(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    @Test
    void prefixLengthsNotOnAnOctetBoundaryMaskTheRightBits() throws UnknownHostException {
        TrustedProxies trusted = TrustedProxies.parse("172.16.0.0/12");

        assertThat(trusted.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
        assertThat(trusted.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
        assertThat(trusted.contains(InetAddress.getByName("172.15.255.255"))).isFalse();
    }

    @Test
    void anIpv4AddressIsNotInAnIpv6Network() throws UnknownHostException {
        assertThat(TrustedProxies.parse("::/0").contains(InetAddress.getByName("192.0.2.5"))).isFalse();
        assertThat(TrustedProxies.parse("0.0.0.0/0").contains(InetAddress.getByName("192.0.2.5"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "2001:db8::/129", "lb.example.org/32", "10.0.0/8", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8x"})
    void anythingButAnAddressWithAPrefixIsRefusedNamingTheEntry(String entry) {
        assertThatThrownBy(() -> TrustedProxies.parse("192.0.2.5/32," + entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + entry + "'");
    }
}
