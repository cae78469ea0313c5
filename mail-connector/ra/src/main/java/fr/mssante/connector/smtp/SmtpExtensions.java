package fr.mssante.connector.smtp;

import java.util.List;

/**
 * The service extensions listed in the EHLO reply (RFC 5321 section 4.1.1.1). Extensions added later
 * (STARTTLS, AUTH, CHUNKING...) register their keyword here, with whatever condition they need
 * (STARTTLS only before TLS is up, AUTH only after): the session does not have to change.
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
