package fr.mssante.connector.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static fr.mssante.connector.server.ProxyHeaders.concat;
import static fr.mssante.connector.server.ProxyHeaders.header;
import static fr.mssante.connector.server.ProxyHeaders.proxy;
import static fr.mssante.connector.server.ProxyHeaders.tlv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PROXY protocol v2 header as haproxy's doc/proxy-protocol.txt, section 2.2, defines it. */
class ProxyHeaderDecoderTest {

    private static final byte[] EHLO = "EHLO client\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void tcpOverIpv4GivesTheSourceAndLeavesWhatFollows() throws Exception {
        ByteBuf in = Unpooled.wrappedBuffer(concat(proxy("192.0.2.7", 51234, "203.0.113.1", 25), EHLO));

        ProxyHeader header = ProxyHeaderDecoder.decode(in);

        assertThat(header.source()).isEqualTo(new InetSocketAddress("192.0.2.7", 51234));
        assertThat(header.destination()).isEqualTo(new InetSocketAddress("203.0.113.1", 25));
        assertThat(in.toString(StandardCharsets.US_ASCII)).isEqualTo("EHLO client\r\n");
    }

    @Test
    void tcpOverIpv6GivesTheSource() throws Exception {
        byte[] bytes = proxy("2001:db8::17", 40000, "2001:db8::1", 993);
        assertThat(bytes).hasSize(16 + 36);
        ByteBuf in = Unpooled.wrappedBuffer(bytes);

        ProxyHeader header = ProxyHeaderDecoder.decode(in);

        assertThat(header.source()).isEqualTo(new InetSocketAddress("2001:db8::17", 40000));
        assertThat(in.readableBytes()).isZero();
    }

    @Test
    void localCommandKeepsTheConnectionsEndpoints() throws Exception {
        // \x20: version 2, LOCAL; the balancer's health check, no address block.
        ByteBuf in = Unpooled.wrappedBuffer(concat(header(0x20, 0x00, new byte[0]), EHLO));

        assertThat(ProxyHeaderDecoder.decode(in)).isEqualTo(ProxyHeader.CONNECTION_ENDPOINTS);
        assertThat(in.readableBytes()).isEqualTo(EHLO.length);
    }

    @Test
    void localCommandSkipsAnAddressBlockItIgnores() throws Exception {
        // "Receivers MUST always consider this field to skip the appropriate number of bytes and must not
        // assume zero is presented for LOCAL connections."
        byte[] ipv4 = Arrays.copyOfRange(proxy("192.0.2.7", 1, "203.0.113.1", 25), 16, 28);
        ByteBuf in = Unpooled.wrappedBuffer(concat(header(0x20, 0x11, ipv4), EHLO));

        assertThat(ProxyHeaderDecoder.decode(in)).isEqualTo(ProxyHeader.CONNECTION_ENDPOINTS);
        assertThat(in.readableBytes()).isEqualTo(EHLO.length);
    }

    @Test
    void tlvsAreSkippedWithTheHeader() throws Exception {
        byte[] alpn = tlv(0x01, "smtp".getBytes(StandardCharsets.US_ASCII));
        byte[] noop = tlv(0x04, new byte[7]);
        byte[] empty = tlv(0xE0, new byte[0]);
        ByteBuf in = Unpooled.wrappedBuffer(concat(proxy("192.0.2.7", 51234, "203.0.113.1", 25, alpn, noop, empty), EHLO));

        assertThat(ProxyHeaderDecoder.decode(in).source()).isEqualTo(new InetSocketAddress("192.0.2.7", 51234));
        assertThat(in.toString(StandardCharsets.US_ASCII)).isEqualTo("EHLO client\r\n");
    }

    @Test
    void unspecifiedAndUnixFamiliesKeepTheConnectionsEndpoints() throws Exception {
        assertThat(ProxyHeaderDecoder.decode(Unpooled.wrappedBuffer(header(0x21, 0x00, new byte[0]))))
                .isEqualTo(ProxyHeader.CONNECTION_ENDPOINTS);
        assertThat(ProxyHeaderDecoder.decode(Unpooled.wrappedBuffer(header(0x21, 0x31, new byte[216]))))
                .isEqualTo(ProxyHeader.CONNECTION_ENDPOINTS);
    }

    @Test
    void everyTruncationWaitsForMoreWithoutConsumingAnything() throws Exception {
        byte[] whole = proxy("192.0.2.7", 51234, "203.0.113.1", 25, tlv(0x04, new byte[3]));
        for (int length = 0; length < whole.length; length++) {
            ByteBuf in = Unpooled.wrappedBuffer(Arrays.copyOf(whole, length));
            assertThat(ProxyHeaderDecoder.decode(in)).as("first %d octets", length).isNull();
            assertThat(in.readerIndex()).isZero();
        }
        assertThat(ProxyHeaderDecoder.decode(Unpooled.wrappedBuffer(whole))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EHLO client\r\n", "a1 CAPABILITY\r\n", "PROXY TCP4 192.0.2.7 203.0.113.1 51234 25\r\n", "\r\n\r\n\u0000\r\nQUIT\r"})
    void anythingButTheV2SignatureIsRefusedAtItsFirstWrongOctet(String start) {
        // Version 1 (the text line) is not accepted either: our balancers send v2.
        assertThatThrownBy(() -> ProxyHeaderDecoder.decode(Unpooled.copiedBuffer(start, StandardCharsets.ISO_8859_1)))
                .isInstanceOf(MalformedProxyHeaderException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void aTlsClientHelloIsRefusedAtOnce() {
        // An implicit TLS client that talks to the server directly from the balancer's address.
        assertThatThrownBy(() -> ProxyHeaderDecoder.decode(Unpooled.wrappedBuffer(new byte[]{0x16, 0x03, 0x01})))
                .isInstanceOf(MalformedProxyHeaderException.class);
    }

    @Test
    void aHeaderLongerThanTheSpecsSegmentIsRefusedBeforeItArrives() {
        // 16 + 521 = 537 > 536 octets (section 2: the header fits in the smallest segment, 576 - 40).
        byte[] start = Arrays.copyOf(header(0x21, 0x11, new byte[521]), 16);

        assertThatThrownBy(() -> ProxyHeaderDecoder.decode(Unpooled.wrappedBuffer(start)))
                .isInstanceOf(MalformedProxyHeaderException.class)
                .hasMessageContaining("537");
    }

    @Test
    void theLongestAcceptedHeaderIs536Octets() throws Exception {
        byte[] ipv4 = Arrays.copyOfRange(proxy("192.0.2.7", 1, "203.0.113.1", 25), 16, 28);
        byte[] padding = tlv(0x04, new byte[536 - 16 - 12 - 3]);

        assertThat(ProxyHeaderDecoder.decode(Unpooled.wrappedBuffer(header(0x21, 0x11, concat(ipv4, padding)))))
                .isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x11, 0x31, 0x22, 0x2F})
    void otherVersionsAndCommandsAreRefused(int versionCommand) {
        // "the receiver must only accept this value" (2); "Receivers must drop connections presenting
        // unexpected values here" (commands other than 0 and 1).
        byte[] ipv4 = Arrays.copyOfRange(proxy("192.0.2.7", 1, "203.0.113.1", 25), 16, 28);

        assertThatThrownBy(() -> ProxyHeaderDecoder.decode(Unpooled.wrappedBuffer(header(versionCommand, 0x11, ipv4))))
                .isInstanceOf(MalformedProxyHeaderException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x41, 0x13, 0x1F})
    void unknownFamiliesAndProtocolsAreRefused(int familyProtocol) {
        byte[] ipv4 = Arrays.copyOfRange(proxy("192.0.2.7", 1, "203.0.113.1", 25), 16, 28);

        assertThatThrownBy(() -> ProxyHeaderDecoder.decode(Unpooled.wrappedBuffer(header(0x21, familyProtocol, ipv4))))
                .isInstanceOf(MalformedProxyHeaderException.class)
                .hasMessageContaining("family/protocol");
    }

    @Test
    void anAddressBlockShorterThanItsFamilyIsRefused() {
        assertThatThrownBy(() -> ProxyHeaderDecoder.decode(Unpooled.wrappedBuffer(header(0x21, 0x21, new byte[12]))))
                .isInstanceOf(MalformedProxyHeaderException.class)
                .hasMessageContaining("needs 36");
    }

    @Test
    void aTlvRunningPastTheHeaderIsRefused() {
        byte[] ipv4 = Arrays.copyOfRange(proxy("192.0.2.7", 1, "203.0.113.1", 25), 16, 28);
        byte[] overrun = {0x04, 0x00, 0x09, 0x00};

        assertThatThrownBy(() -> ProxyHeaderDecoder.decode(Unpooled.wrappedBuffer(header(0x21, 0x11, concat(ipv4, overrun)))))
                .isInstanceOf(MalformedProxyHeaderException.class)
                .hasMessageContaining("TLV");
        assertThatThrownBy(() -> ProxyHeaderDecoder.decode(Unpooled.wrappedBuffer(header(0x21, 0x11, concat(ipv4, new byte[]{0x04, 0x00})))))
                .isInstanceOf(MalformedProxyHeaderException.class)
                .hasMessageContaining("truncated TLV");
    }
}
