package fr.mssante.connector.api.tls;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads certificates and keys from PEM and PKCS#12 files. Every failure is an
 * {@link IllegalArgumentException} naming the file and the setting it came from, since it ends the
 * deployment and the operator must see at once what to fix. BouncyCastle parses PEM (it knows PKCS#1
 * RSA, SEC1 EC and PKCS#8 keys; the JDK only the last) and is not registered as a JCA provider.
 *
 * <p>It lives in the connector's API because two modules read the same kind of files: the resource
 * adapter (the server's key and the client trust, {@code mssante.tls.*}) and the EJB module's relay (the
 * operator client certificate and the peers' trust, {@code mssante.relay.*}), and the EJB module sees only
 * this API. Only JDK types cross its boundary, never a BouncyCastle one.
 */
public final class KeyFiles {

    private static final String PEM_START = "-----BEGIN";

    private KeyFiles() {
    }

    /** Every certificate of a PEM file, in file order (leaf first for a chain); at least one. */
    public static List<X509Certificate> certificates(Path file, String setting) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        // Opened before the try: a missing file is reported as it is, not wrapped as "not a PEM file".
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

    /** The first private key of a PEM file; encrypted keys are refused (no password setting for them). */
    public static PrivateKey privateKey(Path file, String setting) {
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
                if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw invalid(file, setting, "encrypted private keys are not supported; use a PKCS#12 keystore");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException known) {
                throw known;
            }
            throw invalid(file, setting, "not a PEM private key file: " + e.getMessage());
        }
        throw invalid(file, setting, "no PEM private key in it");
    }

    /** A PKCS#12 file; a null password is allowed for certificate-only (trust) files. */
    public static KeyStore pkcs12(Path file, String setting, char[] password) {
        try (InputStream in = open(file, setting)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw invalid(file, setting, "not a readable PKCS#12 file (wrong password?): " + e.getMessage());
        }
    }

    /** Whether a file is PEM text rather than a binary (PKCS#12) file. */
    public static boolean isPem(Path file, String setting) {
        try (InputStream in = open(file, setting)) {
            String head = new String(in.readNBytes(4096), StandardCharsets.US_ASCII);
            return head.contains(PEM_START);
        } catch (IOException e) {
            throw invalid(file, setting, "cannot be read: " + e.getMessage());
        }
    }

    private static Reader reader(Path file, String setting) {
        checkReadable(file, setting);
        try {
            return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw invalid(file, setting, "cannot be read: " + e.getMessage());
        }
    }

    private static InputStream open(Path file, String setting) {
        checkReadable(file, setting);
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw invalid(file, setting, "cannot be read: " + e.getMessage());
        }
    }

    private static void checkReadable(Path file, String setting) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw invalid(file, setting, "no such readable file");
        }
    }

    /** The error for a file that cannot be used, naming the setting and the file. */
    public static IllegalArgumentException invalid(Path file, String setting, String problem) {
        return new IllegalArgumentException(setting + " = " + file + ": " + problem);
    }
}
