package fr.mssante.connector.server;

import io.netty.buffer.ByteBuf;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Reads a PROXY protocol version 2 header, the binary one (haproxy's doc/proxy-protocol.txt, section
 * 2.2), from the start of a connection's bytes. Version 1 (the text line) is not accepted: our balancers
 * are configured with {@code send-proxy-v2}, and one format means one parser to trust.
 *
 * <p>Stateless: {@link #decode} is called again with more bytes until it has a whole header, so a header
 * split across reads is read as well as one that arrives at once.
 */
public final class ProxyHeaderDecoder {

    /** The 12 octets every v2 header starts with: {@code \r\n\r\n\0\r\nQUIT\n}. */
    static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** Signature, version and command, family and protocol, length. */
    static final int FIXED_LENGTH = 16;
    /**
     * Section 2: the header is designed to fit in the smallest TCP segment every host must accept,
     * 576 - 40 = 536 octets, and the sender sends it at once. Longer is not a header we wait for: it
     * bounds what a connection can make us hold before its greeting.
     */
    public static final int MAX_LENGTH = 536;

    private static final int VERSION_2 = 0x2;
    private static final int LOCAL = 0x0;
    private static final int PROXY = 0x1;
    private static final int AF_UNSPEC = 0x0;
    private static final int AF_INET = 0x1;
    private static final int AF_INET6 = 0x2;
    private static final int AF_UNIX = 0x3;
    private static final int UNIX_ADDRESSES = 2 * 108;
    /** Type (1 octet) and length (2 octets) of a TLV. */
    private static final int TLV_HEADER = 3;

    private ProxyHeaderDecoder() {
    }

    /**
     * @return the header, its octets consumed from {@code in}; null when {@code in} holds a valid
     *         beginning of a header but not all of it (nothing consumed)
     * @throws MalformedProxyHeaderException as soon as the octets received cannot begin a valid header
     */
    public static ProxyHeader decode(ByteBuf in) throws MalformedProxyHeaderException {
        int start = in.readerIndex();
        int signatureSeen = Math.min(in.readableBytes(), SIGNATURE.length);
        for (int i = 0; i < signatureSeen; i++) {
            if (in.getByte(start + i) != SIGNATURE[i]) {
                throw new MalformedProxyHeaderException("no PROXY protocol v2 signature");
            }
        }
        if (in.readableBytes() < FIXED_LENGTH) {
            return null;
        }
        int versionCommand = in.getUnsignedByte(start + 12);
        int familyProtocol = in.getUnsignedByte(start + 13);
        int length = in.getUnsignedShort(start + 14);
        if (versionCommand >> 4 != VERSION_2) {
            // "the receiver must only accept this value"
            throw new MalformedProxyHeaderException("version " + (versionCommand >> 4) + ", not 2");
        }
        int command = versionCommand & 0x0F;
        if (command != LOCAL && command != PROXY) {
            // "Receivers must drop connections presenting unexpected values here."
            throw new MalformedProxyHeaderException("unknown command " + command);
        }
        if (FIXED_LENGTH + length > MAX_LENGTH) {
            throw new MalformedProxyHeaderException("header of " + (FIXED_LENGTH + length) + " octets, more than "
                    + MAX_LENGTH);
        }
        if (in.readableBytes() < FIXED_LENGTH + length) {
            return null;
        }
        ProxyHeader header = command == LOCAL
                // "must use the real connection endpoints and discard the protocol block including the family"
                ? ProxyHeader.CONNECTION_ENDPOINTS
                : addresses(in, start + FIXED_LENGTH, length, familyProtocol);
        // The length, not the family, says where the header ends (section 2.2: "Receivers MUST always
        // consider this field to skip the appropriate number of bytes").
        in.skipBytes(FIXED_LENGTH + length);
        return header;
    }

    private static ProxyHeader addresses(ByteBuf in, int offset, int length, int familyProtocol)
            throws MalformedProxyHeaderException {
        int family = familyProtocol >> 4;
        int protocol = familyProtocol & 0x0F;
        if (family > AF_UNIX || protocol > 0x2) {
            // "must be rejected as invalid by receivers"
            throw new MalformedProxyHeaderException("unknown family/protocol 0x" + Integer.toHexString(familyProtocol));
        }
        int addressLength = switch (family) {
            case AF_INET -> 2 * 4 + 2 * 2;
            case AF_INET6 -> 2 * 16 + 2 * 2;
            case AF_UNIX -> UNIX_ADDRESSES;
            default -> 0;
        };
        if (length < addressLength) {
            throw new MalformedProxyHeaderException("address block of " + length + " octets, family " + family
                    + " needs " + addressLength);
        }
        requireWellFormedTlvs(in, offset + addressLength, length - addressLength);
        if (family != AF_INET && family != AF_INET6 || protocol == 0x0) {
            // UNSPEC family or protocol: "the receiver is free to accept the connection anyway and use the
            // real endpoint addresses"; a UNIX socket has no IP address to give the client.
            return ProxyHeader.CONNECTION_ENDPOINTS;
        }
        int size = family == AF_INET ? 4 : 16;
        InetAddress source = address(in, offset, size);
        InetAddress destination = address(in, offset + size, size);
        int sourcePort = in.getUnsignedShort(offset + 2 * size);
        int destinationPort = in.getUnsignedShort(offset + 2 * size + 2);
        return new ProxyHeader(new InetSocketAddress(source, sourcePort), new InetSocketAddress(destination, destinationPort));
    }

    /**
     * The TLVs after the addresses are skipped (section 2.2: a receiver "may choose to skip over and
     * ignore" them) but must tile the rest of the header exactly: a TLV running past the announced length
     * means the sender and we disagree on where the header ends.
     */
    private static void requireWellFormedTlvs(ByteBuf in, int offset, int length) throws MalformedProxyHeaderException {
        int end = offset + length;
        int position = offset;
        while (position < end) {
            if (end - position < TLV_HEADER) {
                throw new MalformedProxyHeaderException("truncated TLV at the end of the header");
            }
            int valueLength = in.getUnsignedShort(position + 1);
            position += TLV_HEADER + valueLength;
        }
        if (position != end) {
            throw new MalformedProxyHeaderException("a TLV runs past the end of the header");
        }
    }

    private static InetAddress address(ByteBuf in, int offset, int size) {
        byte[] octets = new byte[size];
        in.getBytes(offset, octets);
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 octets is always valid", e);
        }
    }
}
