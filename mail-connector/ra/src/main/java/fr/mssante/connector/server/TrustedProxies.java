package fr.mssante.connector.server;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The load balancers allowed to speak the PROXY protocol to the mail listeners: a list of networks in
 * CIDR notation, IPv4 and IPv6 ({@code 10.0.0.0/8, 2001:db8::/32}; a bare address means that one host).
 * A connection from any other address is never read as PROXY: only the operator's own balancers may
 * tell us who the client is.
 */
public final class TrustedProxies {

    /** Nobody: every connection's client is its TCP peer. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Network> networks;

    private TrustedProxies(List<Network> networks) {
        this.networks = networks;
    }

    /**
     * @param setting comma-separated networks; null or blank means {@link #NONE}
     * @throws IllegalArgumentException naming the first entry that is not a network: an address literal
     *                                  (never a host name, which would need DNS and could change under
     *                                  us) with an optional prefix length within the family's size
     */
    public static TrustedProxies parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return NONE;
        }
        List<Network> networks = new ArrayList<>();
        for (String entry : setting.split(",")) {
            String cidr = entry.strip();
            if (!cidr.isEmpty()) {
                networks.add(Network.parse(cidr));
            }
        }
        return new TrustedProxies(List.copyOf(networks));
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** Whether {@code address} lies in one of the networks (an IPv4 address never matches an IPv6 network). */
    public boolean contains(InetAddress address) {
        byte[] octets = address.getAddress();
        return networks.stream().anyMatch(network -> network.contains(octets));
    }

    @Override
    public String toString() {
        return networks.isEmpty() ? "none" : String.join(", ", networks.stream().map(Network::toString).toList());
    }

    private record Network(byte[] prefix, int length, String text) {

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            String address = slash < 0 ? cidr : cidr.substring(0, slash);
            byte[] octets = NetUtil.createByteArrayFromIpAddressString(address);
            if (octets == null) {
                throw new IllegalArgumentException("'" + cidr + "' is not an IPv4 or IPv6 network (address/prefix)");
            }
            int bits = octets.length * 8;
            int length = bits;
            if (slash >= 0) {
                String digits = cidr.substring(slash + 1);
                if (!digits.matches("\\d{1,3}") || Integer.parseInt(digits) > bits) {
                    throw new IllegalArgumentException("'" + cidr + "': the prefix length must be 0 to " + bits);
                }
                length = Integer.parseInt(digits);
            }
            return new Network(octets, length, cidr);
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = length / 8;
            if (!Arrays.equals(address, 0, whole, prefix, 0, whole)) {
                return false;
            }
            int rest = length % 8;
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return rest == 0 || (address[whole] & mask) == (prefix[whole] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
