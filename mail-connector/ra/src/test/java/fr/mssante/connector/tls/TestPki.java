package fr.mssante.connector.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A throwaway PKI for the TLS tests, issued with BouncyCastle in the test: a CA, a server certificate
 * for 127.0.0.1, client certificates, written as PEM where the server configuration wants files; and the
 * client side ({@link #clientContext}) that trusts the CA and presents a client certificate if asked to.
 */
public final class TestPki {

    /** A certificate and its key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Issued ca;
    private final Issued server;
    private final Path directory;

    private TestPki(Path directory, String caName) {
        this.directory = directory;
        this.ca = issue(caName, null, true, null, Instant.now().plus(Duration.ofDays(1)));
        this.server = issue("localhost", ca, false, KeyPurposeId.id_kp_serverAuth, Instant.now().plus(Duration.ofDays(1)));
    }

    /** A new CA and server certificate; PEM files are written to {@code directory}. */
    public static TestPki create(Path directory, String caName) {
        return new TestPki(directory, caName);
    }

    public Issued ca() {
        return ca;
    }

    /** A client certificate (extended key usage clientAuth) issued by this CA. */
    public Issued client(String commonName) {
        return issue(commonName, ca, false, KeyPurposeId.id_kp_clientAuth, Instant.now().plus(Duration.ofDays(1)));
    }

    /** A client certificate of this CA whose validity ended a minute ago. */
    public Issued expiredClient(String commonName) {
        return issue(commonName, ca, false, KeyPurposeId.id_kp_clientAuth, Instant.now().minus(Duration.ofMinutes(1)));
    }

    /** A certificate of this CA for TLS servers only: extended key usage serverAuth, not clientAuth. */
    public Issued serverOnly(String commonName) {
        return issue(commonName, ca, false, KeyPurposeId.id_kp_serverAuth, Instant.now().plus(Duration.ofDays(1)));
    }

    /** Server settings with these PEM files and the MSSanté defaults; client certificates from this CA. */
    public TlsSettings serverSettings() {
        return settings(TlsSettings.DEFAULT_PROTOCOLS, TlsSettings.MSSANTE_TLS12_SUITES);
    }

    public TlsSettings settings(List<String> protocols, List<String> tls12Suites) {
        return new TlsSettings(pem("server.pem", server.certificate()).toString(),
                pem("server.key", server.key()).toString(), "", "",
                pem("ca.pem", ca.certificate()).toString(), "", protocols, tls12Suites,
                TlsSettings.DEFAULT_TLS13_SUITES);
    }

    /** Writes objects (certificates, keys) as one PEM file of the directory. */
    public Path pem(String name, Object... objects) {
        Path file = directory.resolve(name);
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                pem.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * A client TLS context that trusts this CA and, if {@code presented} is not null, always presents it,
     * even when the server's list of acceptable issuers does not name its CA (a JDK client would
     * otherwise quietly send none, and the test would prove nothing).
     */
    public SSLContext clientContext(String protocol, Issued presented) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance(protocol);
            KeyManager[] keys = presented == null ? null : new KeyManager[] {new AlwaysPresent(presented)};
            context.init(keys, trustManagers.getTrustManagers(), RANDOM);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Issued issue(String commonName, Issued issuer, boolean authority, KeyPurposeId purpose,
                                Instant notAfter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + commonName + ",O=MSSante tests");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer == null ? subject : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                    new BigInteger(64, RANDOM), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(notAfter), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (purpose == KeyPurposeId.id_kp_serverAuth) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuer.key();
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signingKey)));
            return new Issued(certificate, keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    /** Presents its certificate whatever the server asks for. */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private final Issued issued;

        AlwaysPresent(Issued issued) {
            this.issued = issued;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {issued.certificate()};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return issued.key();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
