package fr.mssante.connector.tls;

import fr.mssante.connector.api.tls.KeyFiles;

import java.nio.file.Path;
import java.security.KeyStoreException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The trust anchors client certificates are verified against (IGC-Santé CAs in production, the dev CA
 * locally): a PEM bundle or a PKCS#12 file of trusted certificates.
 */
final class ClientTrust {

    private static final String SETTING = "mssante.tls.client-trust";

    private ClientTrust() {
    }

    static List<X509Certificate> load(String location, String password) {
        Path file = Path.of(location);
        if (KeyFiles.isPem(file, SETTING)) {
            return KeyFiles.certificates(file, SETTING);
        }
        KeyStore store = KeyFiles.pkcs12(file, SETTING,
                TlsSettings.isSet(password) ? password.toCharArray() : null);
        List<X509Certificate> anchors = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                Certificate certificate = store.getCertificate(alias);
                if (certificate instanceof X509Certificate x509) {
                    anchors.add(x509);
                }
            }
        } catch (KeyStoreException e) {
            throw KeyFiles.invalid(file, SETTING, e.getMessage());
        }
        if (anchors.isEmpty()) {
            throw KeyFiles.invalid(file, SETTING, "no certificate in it");
        }
        return anchors;
    }
}
