package fr.mssante.ejb.intake;

import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.SmtpReply;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The decision of {@link MxSenderPolicy}, without the container: a reverse-path in a domain hosted here
 * has no business arriving unauthenticated on the MX, since our own users send through submission
 * (RFC 6409) where the sender is checked; on port 25 it can only be an impersonation. RFC 5321 section
 * 3.3 lets the server refuse at MAIL FROM; RFC 3463 5.7.1 is "delivery not authorized, message refused".
 * The null reverse-path (bounces, RFC 5321 section 4.5.5) names no domain, hosted or not: it passes
 * this rule, and {@link MxPeerRule} decides whether its peer is an operator of the trust space.
 */
final class MxSenderRule {

    enum Outcome {
        /** Not a hosted domain, or the null reverse-path. */
        ACCEPTED,
        /** Hosted domain, refused ({@link MxPolicy#ENFORCE}). */
        REFUSED,
        /** Hosted domain, accepted but to be audited ({@link MxPolicy#LOG_ONLY}). */
        TOLERATED
    }

    /** @param tenant the establishment hosting the sender's domain, null when {@link Outcome#ACCEPTED} */
    record Judgement(Outcome outcome, UUID tenant) {
    }

    static final String REASON = "mail from a domain hosted here must be sent by authenticating on submission (port 587)";

    private final MxPolicy policy;
    private final Function<String, Optional<UUID>> tenantOfDomain;

    /** @param tenantOfDomain the establishment hosting a (lower-case) domain, empty when not hosted here */
    MxSenderRule(MxPolicy policy, Function<String, Optional<UUID>> tenantOfDomain) {
        this.policy = policy;
        this.tenantOfDomain = tenantOfDomain;
    }

    Judgement judge(Optional<MailAddress> reversePath) {
        Optional<UUID> tenant = reversePath.flatMap(sender -> tenantOfDomain.apply(sender.domain()));
        if (tenant.isEmpty()) {
            return new Judgement(Outcome.ACCEPTED, null);
        }
        return new Judgement(policy == MxPolicy.ENFORCE ? Outcome.REFUSED : Outcome.TOLERATED, tenant.get());
    }

    static SmtpReply reply(Outcome outcome, Optional<MailAddress> reversePath) {
        return outcome == Outcome.REFUSED
                ? SmtpReply.of(550, "5.7.1", "<" + reversePath.orElseThrow() + ">: " + REASON)
                : SmtpReply.of(250, "2.1.0", "Sender ok");
    }
}
