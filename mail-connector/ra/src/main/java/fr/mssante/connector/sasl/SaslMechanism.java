package fr.mssante.connector.sasl;

/**
 * A SASL mechanism (RFC 4422) that AUTH and AUTHENTICATE can use. It only decodes what the client sends
 * into {@link fr.mssante.connector.api.auth.Credentials}; checking them is the listener's job.
 */
public abstract class SaslMechanism {

    /** What a connection needs for the mechanism to be offered there. */
    public enum Requirement {
        /**
         * The client sends a secret (password, bearer token): only over TLS, or where plaintext
         * authentication is explicitly allowed. A bearer token is as good as a password for its lifetime
         * to whoever reads it on the wire (RFC 6750 section 5.3, RFC 7628 section 5).
         */
        CONFIDENTIALITY,
        /** The client proves itself with the certificate of its TLS handshake (EXTERNAL). */
        CLIENT_CERTIFICATE
    }

    private final String name;
    private final Requirement requirement;

    protected SaslMechanism(String name, Requirement requirement) {
        this.name = name;
        this.requirement = requirement;
    }

    /** The IANA name, upper case ("PLAIN"), advertised as {@code AUTH=<name>} or in {@code AUTH <names>}. */
    public final String name() {
        return name;
    }

    public final Requirement requirement() {
        return requirement;
    }

    /** A new exchange for one AUTH or AUTHENTICATE command. */
    public abstract SaslExchange start();
}
