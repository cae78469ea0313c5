package fr.mssante.connector.server;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** PROXY protocol v2 headers written octet by octet from haproxy's doc/proxy-protocol.txt, section 2.2. */
public final class ProxyHeaders {

    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyHeaders() {
    }

    /** PROXY command, TCP over the addresses' family (\x11 or \x21), then {@code tlvs} as given. */
    public static byte[] proxy(String source, int sourcePort, String destination, int destinationPort, byte[]... tlvs) {
        byte[] from = address(source);
        byte[] to = address(destination);
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.writeBytes(from);
        block.writeBytes(to);
        block.writeBytes(new byte[]{(byte) (sourcePort >> 8), (byte) sourcePort,
                (byte) (destinationPort >> 8), (byte) destinationPort});
        for (byte[] tlv : tlvs) {
            block.writeBytes(tlv);
        }
        return header(0x21, from.length == 4 ? 0x11 : 0x21, block.toByteArray());
    }

    /** The signature, version/command, family/protocol, length, then {@code block}. */
    public static byte[] header(int versionCommand, int familyProtocol, byte[] block) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        out.write(versionCommand);
        out.write(familyProtocol);
        out.write(block.length >> 8);
        out.write(block.length);
        out.writeBytes(block);
        return out.toByteArray();
    }

    /** A TLV: type, length on two octets, value. */
    public static byte[] tlv(int type, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(value.length >> 8);
        out.write(value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
