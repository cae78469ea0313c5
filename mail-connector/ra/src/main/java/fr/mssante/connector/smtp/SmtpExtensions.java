package fr.mssante.connector.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * The service extensions listed in the EHLO reply (RFC 5321 section 4.1.1.1), STARTTLS included (only
 * before TLS is up). AUTH, whose mechanisms depend on TLS and the client certificate, comes from
 * {@link SmtpAuthentication#ehloKeywords()}.
 */
final class SmtpExtensions {

    private final SmtpServerConfig config;
    private final List<String> keywords;

    SmtpExtensions(SmtpServerConfig config) {
        this.config = config;
        this.keywords = List.of(
                "SIZE " + config.maxMessageSize(), // RFC 1870
                "PIPELINING",                      // RFC 2920
                "8BITMIME",                        // RFC 6152
                "DSN",                             // RFC 3461
                "CHUNKING",                        // RFC 3030 section 2: BDAT
                "BINARYMIME",                      // RFC 3030 section 3, only with CHUNKING
                "SMTPUTF8",                        // RFC 6531
                "ENHANCEDSTATUSCODES",             // RFC 2034
                "HELP");
    }

    /** @param tls whether this connection is already encrypted */
    List<String> keywords(boolean tls) {
        List<String> advertised = new ArrayList<>(keywords);
        advertised.addAll(startTls(tls));
        return advertised;
    }

    /** RFC 3207 section 4.2: offered only when TLS is configured and not yet active. */
    private List<String> startTls(boolean tls) {
        return config.tls() != null && !tls ? List.of("STARTTLS") : List.of();
    }
}
