package fr.mssante.ejb.relay.smtp;

import java.time.Duration;

/**
 * How long the client waits for the peer, per stage (RFC 5321 section 4.5.3.2). The RFC's minimums are
 * generous for a store-and-forward network of slow links: 5 minutes for the greeting, MAIL and RCPT,
 * 2 for the 354, 3 per data block, 10 for the final reply. {@link #rfc5321()} gives exactly those;
 * {@link #defaults()} shorter ones, a choice for a network of a few dozen operators on the Internet
 * (ADR 0018): a peer that does not answer within a minute is better retried later than waited for while
 * holding one of the few connections allowed per destination.
 */
public record SmtpTimeouts(Duration connect, Duration greeting, Duration command, Duration dataInit,
                           Duration dataBlock, Duration dataTermination) {

    public static SmtpTimeouts rfc5321() {
        return new SmtpTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(10));
    }

    public static SmtpTimeouts defaults() {
        return new SmtpTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(5));
    }

    /** An upper bound of one whole transaction on an open connection, for the lease of an attempt. */
    public Duration longestTransaction() {
        return connect.plus(greeting).plus(command.multipliedBy(6)).plus(dataInit).plus(dataBlock.multipliedBy(4))
                .plus(dataTermination);
    }
}
