package fr.mssante.web.api;

import jakarta.ws.rs.core.Response;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** Reads the one X.509 certificate of a PEM text an administrator pasted. */
final class PemCertificates {

    private PemCertificates() {
    }

    static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "pem is not a PEM-encoded X.509 certificate: " + e.getMessage());
        }
    }
}
