package fr.mssante.connector.imap.auth;

/**
 * A SASL mechanism (RFC 4422) the AUTHENTICATE command can use. Mechanisms only decode what the client
 * sends into {@link fr.mssante.connector.api.imap.ImapListener.Credentials}; checking them is the
 * listener's job. New ones (OAUTHBEARER, XOAUTH2, EXTERNAL) are added to {@link SaslMechanisms}.
 */
public interface SaslMechanism {

    /** The IANA name, upper case ("PLAIN"), advertised as {@code AUTH=<name>}. */
    String name();

    /**
     * Whether the client sends its secret in clear: such mechanisms are offered on an unencrypted
     * connection only when plaintext authentication is allowed (RFC 3501 section 6.2.3, LOGINDISABLED).
     */
    boolean plaintext();

    /** A new exchange for one AUTHENTICATE command. */
    SaslExchange start();
}
