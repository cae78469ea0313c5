package fr.mssante.connector.api.auth;

/**
 * What a client proved or claimed during SASL (RFC 4422), decoded by the adapter's mechanism and checked
 * by the application. {@code authorizationId} is the identity to act as (the mailbox address) when the
 * client named one, else null.
 */
public sealed interface Credentials {

    /** The SASL mechanism name (PLAIN, LOGIN, OAUTHBEARER, XOAUTH2, EXTERNAL) or LOGIN for IMAP LOGIN. */
    String mechanism();

    String authorizationId();

    /** Whom the client says it is, for audit and throttling; never a secret. */
    String claimedIdentity();

    /** PLAIN (RFC 4616), LOGIN, the IMAP LOGIN command: a mailbox address and an app password. */
    record Password(String mechanism, String authorizationId, String username, String password)
            implements Credentials {
        @Override
        public String claimedIdentity() {
            return username;
        }

        @Override
        public String toString() {
            return "Password[" + mechanism + ", " + username + "]";
        }
    }

    /**
     * OAUTHBEARER (RFC 7628, authorization identity from the GS2 header) and XOAUTH2 ({@code user=}): an
     * OAuth 2 access token of the operator's realm.
     */
    record BearerToken(String mechanism, String authorizationId, String token) implements Credentials {
        @Override
        public String claimedIdentity() {
            return authorizationId;
        }

        @Override
        public String toString() {
            return "BearerToken[" + mechanism + ", " + authorizationId + "]";
        }
    }

    /** EXTERNAL (RFC 4422 appendix A): the TLS client certificate of the connection. */
    record Certificate(String authorizationId) implements Credentials {
        @Override
        public String mechanism() {
            return "EXTERNAL";
        }

        @Override
        public String claimedIdentity() {
            return authorizationId;
        }
    }
}
