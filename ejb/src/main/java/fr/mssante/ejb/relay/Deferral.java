package fr.mssante.ejb.relay;

import java.time.OffsetDateTime;

/**
 * What a temporary failure means for a recipient now (ADR 0018): it expires once {@code expire-after} has
 * passed since the message arrived; otherwise it is retried after the schedule's step for its number of
 * attempts, and its sender gets one delay notice, the first time it is deferred after
 * {@code delay-notice-after}.
 *
 * @param expired     give up now (status 4.4.7, failure notice)
 * @param nextAttempt when to try again; null when expired
 * @param delayNotice send the delay notice now
 * @param giveUpAt    when it will expire (the notice's Will-Retry-Until, RFC 3464 section 2.3.8)
 */
record Deferral(boolean expired, OffsetDateTime nextAttempt, boolean delayNotice, OffsetDateTime giveUpAt) {

    static Deferral of(RelaySettings settings, OffsetDateTime receivedAt, int attempts, boolean delayNoticeSent,
                       OffsetDateTime now) {
        OffsetDateTime giveUpAt = receivedAt.plus(settings.expireAfter());
        if (!now.isBefore(giveUpAt)) {
            return new Deferral(true, null, false, giveUpAt);
        }
        boolean noticeDue = !delayNoticeSent && !now.isBefore(receivedAt.plus(settings.delayNoticeAfter()));
        return new Deferral(false, now.plus(settings.retrySchedule().delayAfter(attempts)), noticeDue, giveUpAt);
    }
}
