package fr.mssante.connector.smtp;

import java.util.List;

/**
 * The service extensions listed in the EHLO reply (RFC 5321 section 4.1.1.1) that do not depend on the
 * connection. AUTH, whose mechanisms depend on TLS and the client certificate, comes from
 * {@link SmtpAuthentication#ehloKeywords()}.
 */
final class SmtpExtensions {

    private final List<String> keywords;

    SmtpExtensions(SmtpServerConfig config) {
        this.keywords = List.of(
                "SIZE " + config.maxMessageSize(), // RFC 1870
                "PIPELINING",                      // RFC 2920
                "8BITMIME",                        // RFC 6152
                "ENHANCEDSTATUSCODES",             // RFC 2034
                "HELP");
    }

    List<String> keywords() {
        return keywords;
    }
}
