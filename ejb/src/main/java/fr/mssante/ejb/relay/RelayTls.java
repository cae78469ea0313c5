package fr.mssante.ejb.relay;

import fr.mssante.connector.api.smtp.OperatorTls;
import fr.mssante.connector.api.tls.KeyFiles;
import fr.mssante.ejb.relay.smtp.ClientTls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
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
 * <p>The protocols and TLS 1.2 suites are the connector API's {@link OperatorTls}, the one definition the MX and
 * the intake rules use too; the files are read by the API's {@link KeyFiles}, as the connector reads its own.
 */
public final class RelayTls {


    private RelayTls() {
    }

    /**
     * @throws IllegalArgumentException naming the setting when a file is missing or unreadable, and
     * IllegalStateException when the key does not go with the certificate (either fails the deployment)
     */
    public static ClientTls load(Path certificate, String certificateSetting, Path privateKey, String keySetting,
                                 Path peerTrust, String trustSetting) {
        List<X509Certificate> chain = KeyFiles.certificates(certificate, certificateSetting);
        PrivateKey key = KeyFiles.privateKey(privateKey, keySetting);
        List<X509Certificate> anchors = KeyFiles.certificates(peerTrust, trustSetting);
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
            List<String> suites = new ArrayList<>(OperatorTls.TLS13_SUITES);
            suites.addAll(OperatorTls.TLS12_SUITES);
            return new ClientTls(context, OperatorTls.PROTOCOLS, suites);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(certificateSetting + " / " + keySetting + ": the key does not go with the "
                    + "certificate or cannot be used for TLS: " + e.getMessage(), e);
        }
    }
}
