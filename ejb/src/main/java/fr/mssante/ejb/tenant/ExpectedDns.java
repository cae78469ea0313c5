package fr.mssante.ejb.tenant;

import java.util.List;

/**
 * The records a hosted domain needs: an MX to the platform (RFC 5321 section 5.1) and an SPF policy
 * that allows exactly the domain's MX hosts to send (RFC 7208, {@code v=spf1 mx -all}).
 *
 * <p>The MX host is {@code mssante.mx-host}, by default the platform's {@code mssante.hostname}.
 */
public final class ExpectedDns {

    static final String SPF = "v=spf1 mx -all";
    private static final int MX_PREFERENCE = 10;

    private ExpectedDns() {
    }

    public static List<DomainView.DnsRecord> of(String domain) {
        String mxHost = System.getProperty("mssante.mx-host", System.getProperty("mssante.hostname", "localhost"));
        return List.of(
                new DomainView.DnsRecord("MX", domain + ".", MX_PREFERENCE + " " + mxHost + "."),
                new DomainView.DnsRecord("TXT", domain + ".", SPF));
    }
}
