package fr.mssante.ejb.intake;

import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.PeerCertificate;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.tenant.TenantLookups;
import fr.mssante.ejb.trust.TrustSpace;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Which MAIL FROM the MX accepts, in two steps. First {@link MxSenderRule} (ADR 0015): a reverse-path in
 * a domain hosted here is refused, our users send on submission; hosting is recognised through
 * {@link TenantLookups#tenantOfDomain}, the SECURITY DEFINER lookup of ADR 0011, as RCPT does. Then
 * {@link MxPeerRule} (ADR 0017): any other reverse-path, and the null one, must come from the MSSanté
 * operator of the sender's domain, over TLS with its IGC-Santé certificate, as the {@link TrustSpace}
 * (the national whitelist) declares it. Every refused or tolerated sender is audited and logged.
 *
 * <p>A startup singleton so that an invalid {@code mssante.mx.policy} fails the deployment; it keeps no
 * state beyond the immutable policy, hence no container lock.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MxSenderPolicy {

    private static final Logger LOG = Logger.getLogger(MxSenderPolicy.class.getName());

    private final MxPolicy policy = MxPolicy.fromSystemProperties();

    @EJB
    private TenantLookups lookups;

    @EJB
    private TrustSpace trustSpace;

    @EJB
    private AuditPublisher audit;

    public SmtpReply verdict(SmtpSessionInfo session, Optional<MailAddress> reversePath) {
        MxSenderRule.Judgement hosted = new MxSenderRule(policy, lookups::tenantOfDomain).judge(reversePath);
        if (hosted.outcome() != MxSenderRule.Outcome.ACCEPTED) {
            recordHostedSender(session, reversePath.orElseThrow(), hosted.tenant(), hosted.outcome());
            return MxSenderRule.reply(hosted.outcome(), reversePath);
        }
        MxPeerRule.Judgement peer = new MxPeerRule(policy, trustSpace).judge(session, reversePath);
        if (peer.outcome() != MxSenderRule.Outcome.ACCEPTED) {
            recordPeer(session, reversePath, peer);
        }
        return MxPeerRule.reply(peer, reversePath);
    }

    private void recordHostedSender(SmtpSessionInfo session, MailAddress sender, UUID tenant,
                                    MxSenderRule.Outcome outcome) {
        String result = result(outcome);
        // The outcome is repeated in the details: the admin API shows the details, not the outcome column.
        String details = "outcome=" + result + " client=" + session.clientAddress() + " helo=" + session.heloName()
                + " session=" + session.sessionId() + " sender=" + sender + " policy=" + policy.value()
                + " reason=" + MxSenderRule.REASON;
        LOG.warning(() -> "MX sender in a hosted domain " + result + ": " + details);
        audit.publish(AuditAction.MX_SENDER_REFUSED, actor(session), tenant, null, null, List.of(), result, details);
    }

    /** No tenant: the sender's domain is not hosted here; the operator's administrators see the event. */
    private void recordPeer(SmtpSessionInfo session, Optional<MailAddress> reversePath, MxPeerRule.Judgement peer) {
        String result = result(peer.outcome());
        PeerCertificate certificate = session.peerCertificate();
        String details = "outcome=" + result + " client=" + session.clientAddress() + " helo=" + session.heloName()
                + " session=" + session.sessionId()
                + " sender=<" + reversePath.map(MailAddress::address).orElse("") + ">"
                + " domain=" + reversePath.map(MailAddress::domain).orElse("-")
                + " tls=" + (session.tls() ? session.tlsProtocol() + "/" + session.tlsCipherSuite() : "none")
                + " certificate=" + (certificate == null ? "none" : "\"" + certificate.subjectDn() + "\"")
                + (certificate == null ? "" : " issuer=\"" + certificate.issuerDn() + "\" sha256="
                        + certificate.sha256Fingerprint() + " trusted=" + certificate.trusted())
                + " policy=" + policy.value() + " reason=" + peer.reason().code() + ": " + peer.text();
        LOG.warning(() -> "MX peer " + result + ": " + details);
        audit.publish(AuditAction.MX_PEER_REFUSED, actor(session), null, null, null, List.of(), result, details);
    }

    private static String result(MxSenderRule.Outcome outcome) {
        return outcome == MxSenderRule.Outcome.REFUSED ? "refused" : "log-only";
    }

    private static String actor(SmtpSessionInfo session) {
        return session.service() + ":" + session.clientAddress();
    }
}
