package fr.mssante.ejb.relay.smtp;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** A throw-away CA for the tests, issuing server and client certificates like the dev CA does. */
public final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate ca;
    private final PrivateKey caKey;

    /** A certificate with its key. */
    public record Issued(X509Certificate certificate, PrivateKey key, X509Certificate ca) {

        /** A server-side context presenting this certificate and asking clients for one from {@code clientCa}. */
        public SSLContext serverContext(X509Certificate clientCa) throws Exception {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("k", key, new char[0], new X509Certificate[] {certificate, ca});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", clientCa);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
            return context;
        }

        /** Writes the certificate (with the CA after it) and the key as PEM files; returns {certificate, key}. */
        public Path[] writePem(Path directory, String name) throws Exception {
            Path cert = directory.resolve(name + ".pem");
            Path keyFile = directory.resolve(name + ".key");
            write(cert, certificate, ca);
            write(keyFile, key);
            return new Path[] {cert, keyFile};
        }
    }

    public TestPki(String caName) throws Exception {
        KeyPair keys = keyPair();
        this.caKey = keys.getPrivate();
        this.ca = sign(name(caName), keys, null, null, true, null);
    }

    public X509Certificate ca() {
        return ca;
    }

    public Path writeCa(Path directory, String name) throws Exception {
        Path file = directory.resolve(name + ".pem");
        write(file, ca);
        return file;
    }

    public Issued issueServer(String subject) throws Exception {
        KeyPair keys = keyPair();
        return new Issued(sign(name(subject), keys, ca, caKey, false, KeyPurposeId.id_kp_serverAuth),
                keys.getPrivate(), ca);
    }

    public Issued issueClient(String subject) throws Exception {
        KeyPair keys = keyPair();
        return new Issued(sign(name(subject), keys, ca, caKey, false, KeyPurposeId.id_kp_clientAuth),
                keys.getPrivate(), ca);
    }

    /**
     * The X.500 name as the JDK reads {@code dn} (RFC 4514: the string lists the RDNs from the last one of the
     * encoding). BouncyCastle's {@code new X500Name(String)} encodes them in string order instead, which the JDK
     * then prints reversed and would not find equal to the whitelist's DN.
     */
    private static X500Name name(String dn) {
        return X500Name.getInstance(new X500Principal(dn).getEncoded());
    }

    private static X509Certificate sign(X500Name subject, KeyPair keys, X509Certificate issuer, PrivateKey issuerKey,
                                        boolean isCa, KeyPurposeId purpose) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                new BigInteger(64, RANDOM), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
        if (isCa) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey == null ? keys.getPrivate() : issuerKey)));
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    private static void write(Path file, Object... objects) throws Exception {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                pem.writeObject(o);
            }
        }
    }
}
