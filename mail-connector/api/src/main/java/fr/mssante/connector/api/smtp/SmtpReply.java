package fr.mssante.connector.api.smtp;

import java.util.List;
import java.util.Objects;

/**
 * An SMTP reply: basic code (RFC 5321 section 4.2), enhanced status code (RFC 3463, advertised with
 * ENHANCEDSTATUSCODES, RFC 2034) and text lines.
 *
 * @param code           three-digit reply code
 * @param enhancedStatus {@code class.subject.detail}, or {@code null} for the replies RFC 2034 section 3
 *                       exempts (the greeting and the HELO/EHLO replies)
 * @param lines          one or more text lines; several lines are sent as a multi-line reply
 */
public record SmtpReply(int code, String enhancedStatus, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        Objects.requireNonNull(lines, "lines");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
        lines = List.copyOf(lines);
    }

    public static SmtpReply of(int code, String enhancedStatus, String text) {
        return new SmtpReply(code, enhancedStatus, List.of(text));
    }

    /** 2xx or 3xx. */
    public boolean isPositive() {
        return code < 400;
    }

    /** 4xx: the client should try again later. */
    public boolean isTransientFailure() {
        return code >= 400 && code < 500;
    }

    /** The first text line, for logs and tests. */
    public String text() {
        return lines.get(0);
    }

    @Override
    public String toString() {
        return code + (enhancedStatus == null ? "" : " " + enhancedStatus) + " " + String.join(" / ", lines);
    }
}
