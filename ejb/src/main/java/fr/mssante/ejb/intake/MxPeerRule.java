package fr.mssante.ejb.intake;

import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.OperatorTls;
import fr.mssante.connector.api.smtp.PeerCertificate;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import fr.mssante.ejb.trust.TrustSpace;
import fr.mssante.ejb.trust.TrustedDomain;

import javax.security.auth.x500.X500Principal;
import java.util.Optional;

/**
 * The second decision of {@link MxSenderPolicy}, without the container (ADR 0017): mail on the MX whose
 * reverse-path is not hosted here must come from another operator of the MSSanté trust space, proved by
 * the TLS session itself: TLS 1.2 with the MSSanté suites or TLS 1.3, a client certificate that verified
 * against the IGC-Santé trust, a sender domain on the whitelist, and that domain's entry declaring this
 * very certificate subject. The null reverse-path of a bounce (RFC 5321 section 4.5.5) names no domain:
 * it is accepted from an operator, i.e. a trusted certificate that some whitelist entry declares.
 *
 * <p>Refused at MAIL FROM with {@code 550 5.7.1} (RFC 3463: delivery not authorized) and a text naming
 * the first missing proof (US-ASCII, as every SMTP reply: RFC 5321 section 4.2), checked in the order a peer would fix them: TLS, certificate, trust, domain,
 * operator. Hosted senders never get here: {@link MxSenderRule} refuses them first.
 *
 * <p>Until this node has a whitelist at all ({@link TrustSpace#known()}: a new installation before its first
 * good download), the verdicts that need the list are temporary, {@code 451 4.7.0}: the peer keeps the
 * message and retries (RFC 5321 section 4.2.5) instead of bouncing it for our want of a list.
 */
final class MxPeerRule {

    /** Why a peer is refused; {@link #code()} goes into audit details and logs. */
    enum Reason {
        NO_TLS("no-tls"),
        WEAK_TLS("weak-tls"),
        NO_CERTIFICATE("no-certificate"),
        UNTRUSTED_CERTIFICATE("untrusted-certificate"),
        DOMAIN_NOT_IN_TRUST_SPACE("domain-not-in-trust-space"),
        NOT_THE_DOMAIN_OPERATOR("not-the-domain-operator"),
        NOT_AN_OPERATOR("not-an-operator"),
        WHITELIST_NOT_LOADED("whitelist-not-loaded");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /**
     * @param outcome accepted, refused, or tolerated ({@link MxPolicy#LOG_ONLY})
     * @param reason  why it is not accepted; null when accepted
     * @param text    the reply text after the reverse-path, for the peer to fix it; null when accepted
     */
    record Judgement(MxSenderRule.Outcome outcome, Reason reason, String text) {

        static final Judgement ACCEPTED = new Judgement(MxSenderRule.Outcome.ACCEPTED, null, null);
    }

    private static final String TLS_PROFILE = "TLS 1.3, or TLS 1.2 with " + String.join(", ", OperatorTls.TLS12_SUITES);

    private final MxPolicy policy;
    private final TrustSpace trustSpace;

    MxPeerRule(MxPolicy policy, TrustSpace trustSpace) {
        this.policy = policy;
        this.trustSpace = trustSpace;
    }

    /** @param reversePath a reverse-path not hosted here, or empty for the null reverse-path */
    Judgement judge(SmtpSessionInfo session, Optional<MailAddress> reversePath) {
        if (!session.tls()) {
            return refuse(Reason.NO_TLS, "mail from another MSSante operator must use STARTTLS (" + TLS_PROFILE
                    + ") with the operator's IGC-Sante certificate");
        }
        if (!OperatorTls.allows(session.tlsProtocol(), session.tlsCipherSuite())) {
            return refuse(Reason.WEAK_TLS, session.tlsProtocol() + " with " + session.tlsCipherSuite()
                    + " is not allowed between MSSante operators; use " + TLS_PROFILE);
        }
        PeerCertificate certificate = session.peerCertificate();
        if (certificate == null) {
            return refuse(Reason.NO_CERTIFICATE, "no client certificate: present the operator's IGC-Sante"
                    + " certificate in the TLS handshake");
        }
        if (!certificate.trusted()) {
            return refuse(Reason.UNTRUSTED_CERTIFICATE, "the client certificate " + certificate.subjectDn()
                    + " (issuer " + certificate.issuerDn() + ") is not trusted: " + certificate.verificationFailure());
        }
        if (!trustSpace.known()) {
            return refuse(Reason.WHITELIST_NOT_LOADED, "this server has not loaded the MSSante whitelist yet,"
                    + " try again later");
        }
        X500Principal subject = new X500Principal(certificate.subjectDn());
        if (reversePath.isEmpty()) {
            return trustSpace.domainsOf(subject).isEmpty()
                    ? refuse(Reason.NOT_AN_OPERATOR, "the client certificate " + certificate.subjectDn()
                            + " is declared by no domain of the MSSante trust space: bounces are accepted from"
                            + " MSSante operators only")
                    : Judgement.ACCEPTED;
        }
        String domain = reversePath.get().domain();
        Optional<TrustedDomain> entry = trustSpace.lookup(domain);
        if (entry.isEmpty()) {
            return refuse(Reason.DOMAIN_NOT_IN_TRUST_SPACE, "the domain " + domain
                    + " is not in the MSSante trust space (whitelist)");
        }
        if (!entry.get().declares(subject)) {
            return refuse(Reason.NOT_THE_DOMAIN_OPERATOR, "the client certificate " + certificate.subjectDn()
                    + " is not the operator certificate the MSSante trust space declares for " + domain);
        }
        return Judgement.ACCEPTED;
    }

    private Judgement refuse(Reason reason, String text) {
        return new Judgement(policy == MxPolicy.ENFORCE ? MxSenderRule.Outcome.REFUSED : MxSenderRule.Outcome.TOLERATED,
                reason, text);
    }

    static SmtpReply reply(Judgement judgement, Optional<MailAddress> reversePath) {
        if (judgement.outcome() != MxSenderRule.Outcome.REFUSED) {
            return SmtpReply.of(250, "2.1.0", "Sender ok");
        }
        String text = "<" + reversePath.map(MailAddress::address).orElse("") + ">: " + judgement.text();
        return judgement.reason() == Reason.WHITELIST_NOT_LOADED
                ? SmtpReply.of(451, "4.7.0", text)
                : SmtpReply.of(550, "5.7.1", text);
    }
}
