package fr.mssante.devstack;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The development PKI: a CA of its own (RSA 3072, 10 years), a server certificate it signs for
 * {@code localhost} and {@code 127.0.0.1} (2 years), and client certificates on demand (APP mailboxes,
 * SASL EXTERNAL, tests). Created once in a directory and reused: a newcomer imports {@code ca.pem} into
 * Thunderbird once. Never for production, where the keys come from IGC-Santé.
 *
 * <p>Server certificates are also operator certificates: like IGC-Santé's, they carry both the serverAuth
 * and clientAuth purposes, because an operator presents the same certificate on its MX and as a client
 * when it relays to another operator (mutual TLS). The dev CA stands in for IGC-Santé for every operator
 * on this machine: a second instance ({@code ./mssante peer}) gets its own operator certificate
 * ({@link #issueOperator}) from the same CA.
 */
public final class DevCertificates {

    /** Password of the PKCS#12 files of client certificates. */
    public static final String CLIENT_PASSWORD = "changeit";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CA_NAME = "CN=MSSante development CA,O=MSSante dev,C=FR";
    /** Subject of this machine's first operator certificate ({@link #serverCertificate()}). */
    public static final String OPERATOR_NAME = "CN=localhost,O=MSSante dev,C=FR";

    /** A client certificate: PEM certificate and key, and the same as PKCS#12 ({@link #CLIENT_PASSWORD}). */
    public record ClientFiles(Path certificate, Path privateKey, Path pkcs12) {
    }

    /** An operator certificate: PEM certificate followed by the CA, and its PEM key. */
    public record OperatorFiles(Path certificate, Path privateKey) {
    }

    private final Path directory;
    private final X509Certificate ca;
    private final PrivateKey caKey;

    private DevCertificates(Path directory, X509Certificate ca, PrivateKey caKey) {
        this.directory = directory;
        this.ca = ca;
        this.caKey = caKey;
    }

    /** The PKI of {@code directory}, generated there first if absent. */
    public static DevCertificates in(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path caFile = directory.resolve("ca.pem");
        Path caKeyFile = directory.resolve("ca.key");
        try {
            DevCertificates pki;
            if (Files.exists(caFile) && Files.exists(caKeyFile)) {
                pki = new DevCertificates(directory, readCertificate(caFile), readKey(caKeyFile));
            } else {
                KeyPair keys = keyPair();
                X509Certificate ca = sign(name(CA_NAME), keys.getPublic(), keys.getPrivate(), null,
                        Duration.ofDays(3650), Role.CA);
                writePem(caKeyFile, keys.getPrivate());
                writePem(caFile, ca);
                pki = new DevCertificates(directory, ca, keys.getPrivate());
            }
            if (!Files.exists(pki.serverCertificate()) || !Files.exists(pki.serverKey())
                    || !isOperatorCertificate(readCertificate(pki.serverCertificate()))) {
                pki.writeServer(OPERATOR_NAME, pki.serverCertificate(), pki.serverKey());
            }
            return pki;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create the development certificates in " + directory, e);
        }
    }

    /** The CA certificate, to import as a trusted authority in a mail client; also the client trust. */
    public Path caCertificate() {
        return directory.resolve("ca.pem");
    }

    /** Server certificate followed by the CA certificate. */
    public Path serverCertificate() {
        return directory.resolve("server.pem");
    }

    public Path serverKey() {
        return directory.resolve("server.key");
    }

    /**
     * Issues the operator certificate of another instance on this machine: subject {@code subject}, names
     * {@code localhost} and {@code 127.0.0.1}, serverAuth and clientAuth; {@code <base>.pem} (certificate then
     * CA) and {@code <base>.key} in {@code target}, reused when present.
     */
    public OperatorFiles issueOperator(String subject, String base, Path target) throws IOException {
        Files.createDirectories(target);
        OperatorFiles files = new OperatorFiles(target.resolve(base + ".pem"), target.resolve(base + ".key"));
        if (!Files.exists(files.certificate()) || !Files.exists(files.privateKey())) {
            try {
                writeServer(subject, files.certificate(), files.privateKey());
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot issue an operator certificate for " + subject, e);
            }
        }
        return files;
    }

    private void writeServer(String subject, Path certificate, Path key) throws GeneralSecurityException, IOException {
        KeyPair keys = keyPair();
        X509Certificate server = issue(subject, keys.getPublic(), Duration.ofDays(730), Role.SERVER);
        writePem(key, keys.getPrivate());
        writePem(certificate, server, ca);
    }

    /** Whether a server certificate made here also serves as a relay client certificate (older ones did not). */
    private static boolean isOperatorCertificate(X509Certificate certificate) throws GeneralSecurityException {
        var purposes = certificate.getExtendedKeyUsage();
        return purposes != null && purposes.contains(KeyPurposeId.id_kp_clientAuth.getId());
    }

    /** Issues a client certificate (extended key usage clientAuth, 2 years) for {@code commonName}. */
    public ClientFiles issueClient(String commonName, Path target) throws IOException {
        Files.createDirectories(target);
        String base = commonName.replaceAll("[^A-Za-z0-9.@_-]", "_");
        try {
            KeyPair keys = keyPair();
            X509Certificate certificate = issue("CN=" + commonName + ",O=MSSante dev,C=FR", keys.getPublic(),
                    Duration.ofDays(730), Role.CLIENT);
            ClientFiles files = new ClientFiles(target.resolve(base + ".pem"), target.resolve(base + ".key"),
                    target.resolve(base + ".p12"));
            writePem(files.certificate(), certificate, ca);
            writePem(files.privateKey(), keys.getPrivate());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(base, keys.getPrivate(), CLIENT_PASSWORD.toCharArray(),
                    new X509Certificate[] {certificate, ca});
            try (OutputStream out = Files.newOutputStream(files.pkcs12())) {
                store.store(out, CLIENT_PASSWORD.toCharArray());
            }
            return files;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot issue a client certificate for " + commonName, e);
        }
    }

    private enum Role { CA, SERVER, CLIENT }

    private X509Certificate issue(String subject, PublicKey key, Duration validity, Role role)
            throws GeneralSecurityException, IOException {
        return sign(name(subject), key, caKey, ca, validity, role);
    }

    /**
     * The DER name of an RFC 2253 string, parsed by the JDK: the string's first RDN (CN) is the last of the
     * DER sequence, as in IGC-Santé certificates, so the certificate prints back as written and equals the
     * DN a whitelist declares ({@code X500Principal} compares RDNs in order). BouncyCastle's
     * {@code new X500Name(String)} would keep the string's order in DER (CN first) and print reversed.
     */
    private static X500Name name(String rfc2253) {
        return X500Name.getInstance(new X500Principal(rfc2253).getEncoded());
    }

    /** @param issuer null for the self-signed CA */
    private static X509Certificate sign(X500Name subject, PublicKey key, PrivateKey signingKey, X509Certificate issuer,
                                        Duration validity, Role role) throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                new BigInteger(96, RANDOM), Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)),
                subject, key);
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key));
        if (issuer != null) {
            builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuer));
        }
        switch (role) {
            case CA -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            case SERVER -> {
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            case CLIENT -> {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signingKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072, RANDOM);
        return generator.generateKeyPair();
    }

    private static void writePem(Path file, Object... objects) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                pem.writeObject(object);
            }
        }
    }

    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static PrivateKey readKey(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file); PEMParser parser = new PEMParser(in)) {
            return new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parser.readObject()).getPrivate();
        }
    }
}
