package fr.mssante.connector.api.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * The application's verdict on one authentication.
 *
 * @param status      what the adapter answers
 * @param user        the principal (canonical mailbox address) when {@link Status#SUCCESS}
 * @param reason      why it failed, for logs only: the client is told nothing beyond the protocol's
 *                    generic failure (RFC 5530 AUTHENTICATIONFAILED, RFC 4954 535 5.7.8); except for
 *                    {@link Status#DISABLED}, whose reason the client is shown
 * @param bearerError for a refused OAuth token, what the OAUTHBEARER / XOAUTH2 error challenge carries
 *                    (RFC 7628 section 3.2.2); null otherwise
 * @param delay       how long the adapter waits before answering a failure (throttling of guessing:
 *                    the wait happens on the event loop's timer, no thread is held); zero for none
 */
public record AuthOutcome(Status status, String user, String reason, BearerError bearerError, Duration delay) {

    public enum Status {
        SUCCESS,
        /** Wrong or unusable credentials: {@code 535 5.7.8} / {@code NO [AUTHENTICATIONFAILED]}. */
        REJECTED,
        /**
         * Too many recent failures for this account or client address: refused without checking,
         * temporarily ({@code 454 4.7.0} / {@code NO [UNAVAILABLE]}) until the cooling-off period ends.
         */
        LOCKED,
        /**
         * The credentials are right but the account may not be used (mailbox suspended or closed by its
         * administrator): {@code 525 5.7.13} (RFC 5248 registry, "user account disabled") /
         * {@code NO [CONTACTADMIN]} (RFC 5530), with the reason, so the user knows whom to call rather
         * than retyping a password that is right.
         */
        DISABLED
    }

    /**
     * RFC 7628 section 3.2.2 error: {@code status} is an RFC 6750 error code ({@code invalid_token},
     * {@code insufficient_scope}); {@code scope} and {@code openidConfiguration} tell the client how to
     * obtain a better token.
     */
    public record BearerError(String status, String scope, String openidConfiguration) {
        public BearerError {
            Objects.requireNonNull(status, "status");
        }
    }

    public AuthOutcome {
        Objects.requireNonNull(status, "status");
        delay = delay == null ? Duration.ZERO : delay;
        if (status == Status.SUCCESS) {
            Objects.requireNonNull(user, "user");
        }
    }

    public static AuthOutcome success(String user) {
        return new AuthOutcome(Status.SUCCESS, user, null, null, Duration.ZERO);
    }

    public static AuthOutcome rejected(String reason, Duration delay) {
        return new AuthOutcome(Status.REJECTED, null, reason, null, delay);
    }

    public static AuthOutcome tokenRejected(String reason, BearerError error, Duration delay) {
        return new AuthOutcome(Status.REJECTED, null, reason, error, delay);
    }

    /** @param reason shown to the client: say what happened, never anything about other accounts */
    public static AuthOutcome disabled(String reason) {
        return new AuthOutcome(Status.DISABLED, null, reason, null, Duration.ZERO);
    }

    public static AuthOutcome locked(String reason) {
        return new AuthOutcome(Status.LOCKED, null, reason, null, Duration.ZERO);
    }

    public boolean ok() {
        return status == Status.SUCCESS;
    }
}
