package fr.mssante.connector.tls;

import fr.mssante.connector.api.tls.KeyFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The server's private key and certificate chain (leaf first), from two PEM files or a PKCS#12
 * keystore, checked to belong together: a key that does not match its certificate would otherwise
 * only show as failed handshakes, long after the deployment.
 */
record ServerKey(PrivateKey key, List<X509Certificate> chain) {

    static ServerKey load(TlsSettings settings) {
        boolean pem = TlsSettings.isSet(settings.certificate()) || TlsSettings.isSet(settings.privateKey());
        if (pem && TlsSettings.isSet(settings.keystore())) {
            throw new IllegalArgumentException("Configure either mssante.tls.certificate and mssante.tls.private-key"
                    + " or mssante.tls.keystore, not both");
        }
        ServerKey loaded = pem ? fromPem(settings) : fromKeystore(settings);
        loaded.checkMatch();
        return loaded;
    }

    private static ServerKey fromPem(TlsSettings settings) {
        if (!TlsSettings.isSet(settings.certificate()) || !TlsSettings.isSet(settings.privateKey())) {
            throw new IllegalArgumentException("mssante.tls.certificate and mssante.tls.private-key go together:"
                    + " both must be set");
        }
        return new ServerKey(KeyFiles.privateKey(Path.of(settings.privateKey()), "mssante.tls.private-key"),
                KeyFiles.certificates(Path.of(settings.certificate()), "mssante.tls.certificate"));
    }

    private static ServerKey fromKeystore(TlsSettings settings) {
        Path file = Path.of(settings.keystore());
        char[] password = settings.keystorePassword() == null ? new char[0] : settings.keystorePassword().toCharArray();
        KeyStore store = KeyFiles.pkcs12(file, "mssante.tls.keystore", password);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password);
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
                        return new ServerKey(privateKey, Arrays.stream(chain).map(X509Certificate.class::cast).toList());
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw KeyFiles.invalid(file, "mssante.tls.keystore", "cannot read its key: " + e.getMessage());
        }
        throw KeyFiles.invalid(file, "mssante.tls.keystore", "no private key with a certificate chain in it");
    }

    /** Signs with the key and verifies with the certificate: works for RSA and EC alike. */
    private void checkMatch() {
        X509Certificate leaf = chain.get(0);
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("Unsupported server key algorithm " + key.getAlgorithm()
                    + " (RSA or EC expected)");
        };
        byte[] probe = "mssante key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // Different key types, for instance: a mismatch all the same.
        }
        throw new IllegalArgumentException("The TLS private key does not match the certificate "
                + leaf.getSubjectX500Principal().getName());
    }
}
