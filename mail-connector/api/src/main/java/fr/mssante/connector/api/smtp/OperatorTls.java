package fr.mssante.connector.api.smtp;

import java.util.List;

/**
 * The TLS allowed between MSSanté operators (Référentiel MSSanté #2, ECO.1.1.2 and ECO.1.1.3): TLS 1.2
 * with four ECDHE-RSA AES suites, or TLS 1.3. One definition for the adapter, which configures the MX with
 * it, the application, which checks the negotiated session against it, and the relay.
 */
public final class OperatorTls {

    /** ECO.1.1.3: the only TLS 1.2 suites allowed (JSSE names). */
    public static final List<String> TLS12_SUITES = List.of(
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
    /** TLS 1.3 suites we offer and accept: the AES-GCM ones (every TLS 1.3 suite is allowed by ECO.1.1.2). */
    public static final List<String> TLS13_SUITES = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256");
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private OperatorTls() {
    }

    /** Whether a negotiated protocol and suite (as {@code SSLSession} names them) are allowed between operators. */
    public static boolean allows(String protocol, String cipherSuite) {
        return "TLSv1.3".equals(protocol) || ("TLSv1.2".equals(protocol) && TLS12_SUITES.contains(cipherSuite));
    }
}
