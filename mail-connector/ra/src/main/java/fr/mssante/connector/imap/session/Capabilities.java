package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.auth.ClientConnection;
import fr.mssante.connector.imap.ImapServerConfig;
import fr.mssante.connector.sasl.SaslConditions;
import fr.mssante.connector.sasl.SaslMechanism;
import fr.mssante.connector.sasl.SaslMechanisms;

import java.util.ArrayList;
import java.util.List;

/**
 * The capability list (RFC 3501 section 7.2.1). Before authentication it shows what is needed to log in
 * (AUTH= mechanisms, or LOGINDISABLED when plaintext authentication is off on a clear connection); after,
 * the extensions.
 * COMPRESS=DEFLATE is shown once authenticated only: RFC 4978 section 3 makes COMPRESS valid in the
 * authenticated and selected states, so that compression never covers the exchange of credentials in clear.
 */
final class Capabilities {

    private static final List<String> ALWAYS = List.of("IMAP4rev1", "LITERAL+", "SASL-IR", "ID", "ENABLE", "IDLE");
    private static final List<String> EXTENSIONS = List.of("NAMESPACE", "UIDPLUS", "MOVE", "UNSELECT", "CHILDREN",
            "SPECIAL-USE", "LIST-EXTENDED", "CONDSTORE", "QRESYNC", "QUOTA", "QUOTA=RES-STORAGE", "SORT",
            "STATUS=SIZE", "BINARY", "UTF8=ACCEPT", "ESEARCH", "LIST-STATUS", "THREAD=ORDEREDSUBJECT", "THREAD=REFERENCES", "COMPRESS=DEFLATE");

    private final ImapServerConfig config;
    private final SaslMechanisms mechanisms;

    Capabilities(ImapServerConfig config, SaslMechanisms mechanisms) {
        this.config = config;
        this.mechanisms = mechanisms;
    }

    List<String> list(boolean authenticated, ClientConnection connection) {
        List<String> capabilities = new ArrayList<>(ALWAYS);
        if (authenticated) {
            capabilities.addAll(EXTENSIONS);
            // RFC 7889: the largest message APPEND accepts.
            capabilities.add("APPENDLIMIT=" + config.maxMessageSize());
        } else {
            capabilities.addAll(startTls(connection.tls()));
            mechanisms.advertised(conditions(connection)).forEach(name -> capabilities.add("AUTH=" + name));
            if (!plaintextAllowed(connection.tls())) {
                capabilities.add("LOGINDISABLED");
            }
        }
        return capabilities;
    }

    /** RFC 3501 section 6.2.1: STARTTLS while TLS is configured and not yet active. */
    private List<String> startTls(boolean tls) {
        return startTlsAvailable(tls) ? List.of("STARTTLS") : List.of();
    }

    boolean startTlsAvailable(boolean tls) {
        return config.tls() != null && !tls;
    }

    /** Whether LOGIN and plaintext SASL mechanisms may be used on this connection. */
    boolean plaintextAllowed(boolean tls) {
        return tls || config.allowPlaintextAuth();
    }

    /** The mechanism of that name if this connection is offered it, else null. */
    SaslMechanism mechanism(String name, ClientConnection connection) {
        return mechanisms.offered(name, conditions(connection));
    }

    private SaslConditions conditions(ClientConnection connection) {
        return SaslConditions.of(connection.tls(), connection.clientCertificate(), config.allowPlaintextAuth());
    }
}
