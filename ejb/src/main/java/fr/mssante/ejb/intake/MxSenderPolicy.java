package fr.mssante.ejb.intake;

import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditPublisher;
import fr.mssante.ejb.tenant.TenantLookups;
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
 * Which MAIL FROM the MX accepts from an unauthenticated peer ({@link MxSenderRule}). A hosted domain is
 * recognised through {@link TenantLookups#tenantOfDomain}, the SECURITY DEFINER lookup of ADR 0011, as
 * RCPT does; a refused or tolerated sender is audited (in the establishment that owns the domain, so its
 * administrators see who impersonates them) and logged.
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
    private AuditPublisher audit;

    public SmtpReply verdict(SmtpSessionInfo session, Optional<MailAddress> reversePath) {
        MxSenderRule.Judgement judgement = new MxSenderRule(policy, lookups::tenantOfDomain).judge(reversePath);
        if (judgement.outcome() != MxSenderRule.Outcome.ACCEPTED) {
            record(session, reversePath.orElseThrow(), judgement.tenant(), judgement.outcome());
        }
        return MxSenderRule.reply(judgement.outcome(), reversePath);
    }

    private void record(SmtpSessionInfo session, MailAddress sender, UUID tenant, MxSenderRule.Outcome outcome) {
        String result = outcome == MxSenderRule.Outcome.REFUSED ? "refused" : "log-only";
        // The outcome is repeated in the details: the admin API shows the details, not the outcome column.
        String details = "outcome=" + result + " client=" + session.clientAddress() + " helo=" + session.heloName()
                + " session=" + session.sessionId() + " sender=" + sender + " policy=" + policy.value()
                + " reason=" + MxSenderRule.REASON;
        LOG.warning(() -> "MX sender in a hosted domain " + result + ": " + details);
        audit.publish(AuditAction.MX_SENDER_REFUSED, session.service() + ":" + session.clientAddress(), tenant,
                null, null, List.of(), result, details);
    }
}
