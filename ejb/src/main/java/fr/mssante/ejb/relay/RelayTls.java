package fr.mssante.ejb.relay;

import fr.mssante.ejb.relay.smtp.ClientTls;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.CertPathTrustManagerParameters;

/**
 * The relay's TLS material (ADR 0018): our operator certificate and key (PEM, {@code mssante.relay.certificate}
 * / {@code mssante.relay.private-key}), the anchors the peers' chains must lead to ({@code mssante.relay.peer-trust},
 * a PEM bundle: the IGC-Santé CAs in production), and the protocols and suites of the MSSanté rules: TLS 1.3, or
 * TLS 1.2 with the suites of Référentiel #2 ECO.1.1.3 only.
 *
 * <p>The suite list repeats the connector's {@code TlsSettings.MSSANTE_TLS12_SUITES}: that class lives in the
 * resource adapter's implementation module, which the EJB module does not see (only the connector's API is
 * shared), and these four names are a rule of the national referential, not a setting; keep them in step.
 */
public final class RelayTls {

    /** Référentiel MSSanté #2, ECO.1.1.3 (as {@code fr.mssante.connector.tls.TlsSettings.MSSANTE_TLS12_SUITES}). */
    static final List<String> MSSANTE_TLS12_SUITES = List.of(
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
    static final List<String> TLS13_SUITES = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256");
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private RelayTls() {
    }

    /**
     * @throws IllegalStateException naming the setting when a file is missing or unreadable (fails deployment)
     */
    public static ClientTls load(Path certificate, String certificateSetting, Path privateKey, String keySetting,
                                 Path peerTrust, String trustSetting) {
        List<X509Certificate> chain = certificates(certificate, certificateSetting);
        PrivateKey key = privateKey(privateKey, keySetting);
        List<X509Certificate> anchors = certificates(peerTrust, trustSetting);
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] transientPassword = new char[0];
            keys.setKeyEntry("relay", key, transientPassword, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, transientPassword);

            Set<TrustAnchor> trustAnchors = anchors.stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toSet());
            PKIXBuilderParameters pkix = new PKIXBuilderParameters(trustAnchors, new X509CertSelector());
            // Revocation: the IGC-Santé CRLs are not fetched by this node (ADR 0018); the whitelist, refreshed
            // hourly, is what withdraws an operator from the trust space.
            pkix.setRevocationEnabled(false);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
            trustManagers.init(new CertPathTrustManagerParameters(pkix));

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
            List<String> suites = new ArrayList<>(TLS13_SUITES);
            suites.addAll(MSSANTE_TLS12_SUITES);
            return new ClientTls(context, PROTOCOLS, suites);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(certificateSetting + " / " + keySetting + ": the key does not go with the "
                    + "certificate or cannot be used for TLS: " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> certificates(Path file, String setting) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        Reader reader = reader(file, setting);
        try (PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw invalid(file, setting, "not a PEM certificate file: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw invalid(file, setting, "no PEM certificate in it");
        }
        return certificates;
    }

    static PrivateKey privateKey(Path file, String setting) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        Reader reader = reader(file, setting);
        try (PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw invalid(file, setting, "not a PEM private key file: " + e.getMessage());
        }
        throw invalid(file, setting, "no unencrypted PEM private key in it");
    }

    private static Reader reader(Path file, String setting) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw invalid(file, setting, "no such readable file");
        }
        try {
            return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw invalid(file, setting, "cannot be read: " + e.getMessage());
        }
    }

    private static IllegalStateException invalid(Path file, String setting, String problem) {
        return new IllegalStateException(setting + " = " + file + ": " + problem);
    }
}
