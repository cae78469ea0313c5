package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.SmtpReply;

import java.util.List;

/**
 * Every reply the engine writes by itself, in one place so that the choice of codes can be reviewed
 * at a glance. Basic codes follow RFC 5321 section 4.2, enhanced codes RFC 3463.
 *
 * <p>RFC 2034 section 3 exempts the greeting and "any response to HELO or EHLO" from the enhanced
 * status code, so those carry none. The 354 intermediate reply carries none either: RFC 3463 section
 * 3.1 defines the classes 2 (success), 4 (persistent transient failure) and 5 (permanent failure) only,
 * and 354 is none of them.
 */
final class SmtpReplies {

    static final SmtpReply OK = SmtpReply.of(250, "2.0.0", "OK");
    static final SmtpReply START_DATA = new SmtpReply(354, null, List.of("End data with <CR><LF>.<CR><LF>"));
    /** RFC 5321 section 3.5.3: we do not reveal which mailboxes exist. */
    static final SmtpReply CANNOT_VRFY =
            SmtpReply.of(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");
    /** RFC 5321 section 3.5.2 allows EXPN to be disabled; revealing list members is not acceptable. */
    static final SmtpReply EXPN_DISABLED = SmtpReply.of(502, "5.5.1", "EXPN not available");
    static final SmtpReply HELP = SmtpReply.of(214, "2.0.0",
            "Commands: EHLO HELO STARTTLS AUTH MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP; see RFC 5321");

    static final SmtpReply UNRECOGNIZED = SmtpReply.of(500, "5.5.2", "Command unrecognized");
    static final SmtpReply LINE_TOO_LONG = SmtpReply.of(500, "5.5.2", "Line too long");
    static final SmtpReply BARE_LF_IN_COMMAND =
            SmtpReply.of(500, "5.5.2", "Bare LF in command line: lines must end with CRLF (RFC 5321 section 2.3.8)");
    static final SmtpReply MALFORMED_UTF8_IN_COMMAND =
            SmtpReply.of(500, "5.5.2", "Command line is not valid UTF-8 (RFC 6531 section 3.3)");
    static final SmtpReply BARE_CR_IN_COMMAND =
            SmtpReply.of(500, "5.5.2", "Bare CR in command line: lines must end with CRLF (RFC 5321 section 2.3.8)");

    static final SmtpReply NEED_HELO = SmtpReply.of(503, "5.5.1", "Bad sequence of commands: send EHLO or HELO first");
    static final SmtpReply NESTED_MAIL = SmtpReply.of(503, "5.5.1", "Bad sequence of commands: sender already given");
    static final SmtpReply NEED_MAIL = SmtpReply.of(503, "5.5.1", "Bad sequence of commands: send MAIL first");
    static final SmtpReply NO_VALID_RECIPIENTS = SmtpReply.of(554, "5.5.1", "No valid recipients");
    /** RFC 3030 section 3: "If a DATA command is issued after a MAIL command containing BINARYMIME, a 503 [...]". */
    static final SmtpReply BINARYMIME_NEEDS_BDAT =
            SmtpReply.of(503, "5.5.1", "Bad sequence of commands: BODY=BINARYMIME requires BDAT, send RSET");
    /** RFC 3030 section 2: DATA and BDAT are not mixed in one transaction; the client must RSET. */
    static final SmtpReply DATA_AFTER_BDAT =
            SmtpReply.of(503, "5.5.1", "Bad sequence of commands: DATA after BDAT, send RSET");
    /**
     * RFC 6531 section 3.5: a non-ASCII address without the SMTPUTF8 parameter; X.6.7 is "non-ASCII addresses
     * not permitted for that sender/recipient" (RFC 5248 registry).
     */
    static final SmtpReply NEEDS_SMTPUTF8 =
            SmtpReply.of(553, "5.6.7", "Non-ASCII address requires the SMTPUTF8 parameter of MAIL FROM (RFC 6531)");

    static final SmtpReply TOO_MANY_RECIPIENTS = SmtpReply.of(452, "4.5.3", "Too many recipients");
    /** RFC 1870 section 6.1 (declared SIZE) and 6.2 (actual size while receiving). */
    static final SmtpReply MESSAGE_TOO_BIG =
            SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size");
    /**
     * SMTP smuggling (CVE-2023-51764/5/6): a bare CR or LF lets a sender hide an end of data that another
     * server would honour. We accept only CRLF.CRLF as end of data and refuse the whole message.
     */
    static final SmtpReply BARE_LINE_ENDING_IN_DATA = SmtpReply.of(550, "5.5.2",
            "Message refused: bare CR or LF in message data, lines must end with CRLF (RFC 5321 section 2.3.8)");
    static final SmtpReply DATA_LINE_TOO_LONG =
            SmtpReply.of(554, "5.6.0", "Message refused: line longer than allowed (RFC 5321 section 4.5.3.1.6)");
    /** RFC 3207 section 4. */
    static final SmtpReply READY_FOR_TLS = SmtpReply.of(220, "2.0.0", "Ready to start TLS");
    /** RFC 3207 section 4: "454 TLS not available due to temporary reason". */
    static final SmtpReply TLS_UNAVAILABLE = SmtpReply.of(454, "4.7.0", "TLS not available");
    /** RFC 3207 section 4.2: STARTTLS is not advertised, nor accepted, once TLS is up. */
    static final SmtpReply TLS_ALREADY_ACTIVE = SmtpReply.of(503, "5.5.1", "Bad sequence of commands: TLS already active");
    static final SmtpReply STORAGE_FAILURE = SmtpReply.of(452, "4.3.1", "Insufficient system storage");

    /** A listener failed (exception, rollback, broken reply): the client keeps the message and retries. */
    static final SmtpReply LOCAL_ERROR = SmtpReply.of(451, "4.3.0", "Temporary local problem, try again later");
    /** No listener worker available. Same code as a failure on purpose; see {@link BoundedListenerInvoker}. */
    static final SmtpReply BUSY = SmtpReply.of(451, "4.3.0", "Server busy, try again later");

    /** RFC 4954 section 6 (the AUTH replies). */
    static final SmtpReply AUTH_SUCCEEDED = SmtpReply.of(235, "2.7.0", "Authentication successful");
    static final SmtpReply AUTH_INVALID = SmtpReply.of(535, "5.7.8", "Authentication credentials invalid");
    /** LOCKED by the listener, the listener failing, or no worker to ask it. */
    static final SmtpReply AUTH_TEMPORARY_FAILURE =
            SmtpReply.of(454, "4.7.0", "Temporary authentication failure, try again later");
    /** The listener's DISABLED verdict: right credentials, account disabled (RFC 5248 registry, X.7.13). */
    static SmtpReply authDisabled(String reason) {
        return SmtpReply.of(525, "5.7.13", reason);
    }

    static final SmtpReply AUTH_CANCELLED = SmtpReply.of(501, "5.0.0", "Authentication cancelled");
    static final SmtpReply UNKNOWN_MECHANISM = SmtpReply.of(504, "5.5.4", "Unrecognized authentication type");
    static final SmtpReply ALREADY_AUTHENTICATED =
            SmtpReply.of(503, "5.5.1", "Bad sequence of commands: already authenticated");
    /** RFC 3207 section 4: no AUTH mechanism is offered on a clear connection. */
    static final SmtpReply STARTTLS_FIRST = SmtpReply.of(530, "5.7.0", "Must issue a STARTTLS command first");
    static final SmtpReply AUTH_REQUIRED = SmtpReply.of(530, "5.7.0", "Authentication required");
    /** AUTH on the MX service, which does not advertise it. */
    static final SmtpReply AUTH_NOT_AVAILABLE = SmtpReply.of(502, "5.5.1", "AUTH not available on this service");

    private SmtpReplies() {
    }

    static SmtpReply greeting(String hostname) {
        return new SmtpReply(220, null, List.of(hostname + " ESMTP MSSante"));
    }

    static SmtpReply bye(String hostname) {
        return SmtpReply.of(221, "2.0.0", hostname + " closing connection");
    }

    /** RFC 4954 section 4: {@code 334} and the base64 challenge, nothing else on the line. */
    static SmtpReply authChallenge(String base64) {
        return new SmtpReply(334, null, List.of(base64));
    }

    static SmtpReply authMalformed(String reason) {
        return SmtpReply.of(501, "5.5.2", reason);
    }

    static SmtpReply syntax(String usage) {
        return SmtpReply.of(501, "5.5.4", "Syntax: " + usage);
    }

    static SmtpReply heloSyntax(String verb) {
        return new SmtpReply(501, null, List.of("Syntax: " + verb + " hostname"));
    }

    /** RFC 3030 section 2: each chunk received in full gets a 250. */
    static SmtpReply chunkReceived(long octets) {
        return SmtpReply.of(250, "2.0.0", octets + " octets received");
    }

    static SmtpReply badSender(String reason) {
        return SmtpReply.of(501, "5.1.7", "Bad sender address syntax: " + reason);
    }

    static SmtpReply badRecipient(String reason) {
        return SmtpReply.of(501, "5.1.3", "Bad recipient address syntax: " + reason);
    }

    /** A malformed RFC 3461 parameter: 501 with the enhanced code of the other parameter syntax errors. */
    static SmtpReply badDsnParameter(String keyword, String reason) {
        return SmtpReply.of(501, "5.5.4", "Bad " + keyword + " parameter: " + reason + " (RFC 3461)");
    }

    static SmtpReply unsupportedParameter(String keyword) {
        return SmtpReply.of(555, "5.5.4", "Unsupported parameter " + keyword);
    }

    /** CVE-2011-0411: clear text sent after STARTTLS, before the handshake; see SmtpSessionHandler. */
    static SmtpReply pipelinedAfterStartTls(String hostname) {
        return SmtpReply.of(421, "4.7.0", hostname + " Commands pipelined after STARTTLS, closing connection");
    }

    static SmtpReply tooManyErrors(String hostname) {
        return SmtpReply.of(421, "4.7.0", hostname + " Too many errors, closing connection");
    }

    static SmtpReply timeout(String hostname) {
        return SmtpReply.of(421, "4.4.2", hostname + " Timeout exceeded, closing connection");
    }

    static SmtpReply shuttingDown(String hostname) {
        return SmtpReply.of(421, "4.3.2", hostname + " Service shutting down, closing connection");
    }

    static SmtpReply tooManyConnections(String hostname) {
        return SmtpReply.of(421, "4.3.2", hostname + " Too many connections, try again later");
    }

    static SmtpReply tooManyConnectionsFromAddress(String hostname) {
        return SmtpReply.of(421, "4.3.2", hostname + " Too many connections from your address, try again later");
    }
}
