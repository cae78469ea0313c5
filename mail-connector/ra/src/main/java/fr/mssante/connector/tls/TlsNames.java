package fr.mssante.connector.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

/**
 * Checks configured protocol and cipher suite names against what this JVM supports, so that a typo
 * fails the deployment with a clear message instead of silently shrinking what clients may use.
 */
final class TlsNames {

    private TlsNames() {
    }

    static void check(TlsSettings settings) {
        SSLParameters supported = supported();
        Set<String> protocols = Set.of(supported.getProtocols());
        Set<String> suites = Set.of(supported.getCipherSuites());
        requireKnown("mssante.tls.protocols", settings.protocols(), protocols);
        requireKnown("mssante.tls.cipher-suites", settings.tls12CipherSuites(), suites);
        requireKnown("mssante.tls.tls13-cipher-suites", settings.tls13CipherSuites(), suites);
        if (settings.protocols().isEmpty()) {
            throw new IllegalArgumentException("mssante.tls.protocols is empty: enable at least TLSv1.2 or TLSv1.3");
        }
        // RFC 8446 section 1.2: TLS 1.3 suites name no key exchange; all earlier suites do ("_WITH_").
        for (String suite : settings.tls12CipherSuites()) {
            if (!suite.contains("_WITH_")) {
                throw new IllegalArgumentException("mssante.tls.cipher-suites: " + suite
                        + " is a TLS 1.3 suite; list it in mssante.tls.tls13-cipher-suites");
            }
        }
        for (String suite : settings.tls13CipherSuites()) {
            if (suite.contains("_WITH_")) {
                throw new IllegalArgumentException("mssante.tls.tls13-cipher-suites: " + suite
                        + " is not a TLS 1.3 suite; list it in mssante.tls.cipher-suites");
            }
        }
        if (settings.protocols().contains("TLSv1.3") && settings.tls13CipherSuites().isEmpty()) {
            throw new IllegalArgumentException("TLSv1.3 is enabled but mssante.tls.tls13-cipher-suites is empty");
        }
        if (settings.protocols().stream().anyMatch(p -> !p.equals("TLSv1.3")) && settings.tls12CipherSuites().isEmpty()) {
            throw new IllegalArgumentException("mssante.tls.protocols enables TLS 1.2 or earlier but"
                    + " mssante.tls.cipher-suites is empty");
        }
    }

    private static void requireKnown(String setting, List<String> names, Set<String> supported) {
        for (String name : names) {
            if (!supported.contains(name)) {
                throw new IllegalArgumentException(setting + ": unknown or unsupported name '" + name
                        + "'; this JVM supports " + supported.stream().sorted().toList());
            }
        }
    }

    private static SSLParameters supported() {
        try {
            return SSLContext.getDefault().getSupportedSSLParameters();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No default TLS implementation in this JVM", e);
        }
    }
}
