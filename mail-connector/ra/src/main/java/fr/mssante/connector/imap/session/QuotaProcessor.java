package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.QuotaInfo;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.response.ImapResponse;

import java.util.List;

/**
 * QUOTA (RFC 9208): one quota root per user with the STORAGE resource, in units of 1024 octets
 * (section 5.1, rounded up so that a nearly full mailbox does not look empty); a negative limit means no
 * quota. Limits are the operator's: SETQUOTA is refused.
 */
final class QuotaProcessor {

    void getQuota(ImapRequest.GetQuota request, ImapSession session) {
        session.call(listener -> listener.quota(session.user()), quota -> {
            if (unlimited(quota) || !quota.root().equals(request.root())) {
                session.no("NONEXISTENT", "No such quota root");
                return;
            }
            session.write(response(quota));
            session.ok("GETQUOTA completed");
        });
    }

    /** Every folder of the mailbox shares the user's root (RFC 9208 section 4.3). */
    void getQuotaRoot(ImapRequest.GetQuotaRoot request, ImapSession session) {
        session.call(listener -> listener.quota(session.user()), quota -> {
            if (unlimited(quota)) {
                // No limit, no root (RFC 9208 section 4.3 allows an empty list).
                session.write(new ImapResponse.QuotaRoot(request.mailbox(), List.of()));
            } else {
                session.write(new ImapResponse.QuotaRoot(request.mailbox(), List.of(quota.root())));
                session.write(response(quota));
            }
            session.ok("GETQUOTAROOT completed");
        });
    }

    void setQuota(ImapRequest.SetQuota request, ImapSession session) {
        session.no("NOPERM", "Quotas are set by the operator");
    }

    /** A negative limit (or no root) means the mailbox has no quota. */
    private static boolean unlimited(QuotaInfo quota) {
        return quota.limitOctets() < 0 || quota.root() == null;
    }

    private static ImapResponse.Quota response(QuotaInfo quota) {
        return new ImapResponse.Quota(quota.root(), kilobytes(quota.usedOctets()), kilobytes(quota.limitOctets()));
    }

    private static long kilobytes(long octets) {
        return (octets + 1023) / 1024;
    }
}
