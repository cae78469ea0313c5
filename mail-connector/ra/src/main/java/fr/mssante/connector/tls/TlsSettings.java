package fr.mssante.connector.tls;

import fr.mssante.connector.api.smtp.OperatorTls;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where the TLS key material is and which protocol versions and cipher suites are allowed, as the
 * operator configured them (file paths, not yet loaded). Blank paths mean "not configured".
 *
 * @param certificate         PEM file of the server certificate followed by its chain
 * @param privateKey          PEM file of its private key (PKCS#1, PKCS#8 or SEC1 EC)
 * @param keystore            PKCS#12 keystore holding the key and chain, instead of the two PEM files
 * @param keystorePassword    its password
 * @param clientTrust         trust anchors for client certificates: a PEM bundle or a PKCS#12 file;
 *                            blank: client certificates are not requested
 * @param clientTrustPassword password of a PKCS#12 client trust file, may be blank
 * @param protocols           enabled protocol versions ({@code TLSv1.3}, {@code TLSv1.2})
 * @param tls12CipherSuites   suites for TLS 1.2 and earlier (JSSE names)
 * @param tls13CipherSuites   suites for TLS 1.3 (RFC 8446 names)
 */
public record TlsSettings(String certificate,
                          String privateKey,
                          String keystore,
                          String keystorePassword,
                          String clientTrust,
                          String clientTrustPassword,
                          List<String> protocols,
                          List<String> tls12CipherSuites,
                          List<String> tls13CipherSuites) {

    /** Référentiel MSSanté #2, ECO.1.1.3: the only TLS 1.2 suites allowed. */
    public static final List<String> MSSANTE_TLS12_SUITES = OperatorTls.TLS12_SUITES;
    public static final List<String> DEFAULT_TLS13_SUITES = OperatorTls.TLS13_SUITES;
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsSettings {
        protocols = List.copyOf(Objects.requireNonNull(protocols, "protocols"));
        tls12CipherSuites = List.copyOf(Objects.requireNonNull(tls12CipherSuites, "tls12CipherSuites"));
        tls13CipherSuites = List.copyOf(Objects.requireNonNull(tls13CipherSuites, "tls13CipherSuites"));
    }

    /** Whether a server key was configured at all; without one TLS is off. */
    public boolean keyConfigured() {
        return isSet(certificate) || isSet(privateKey) || isSet(keystore);
    }

    /** Comma-separated list from a configuration property; blanks ignored. */
    public static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
