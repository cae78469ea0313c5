package fr.mssante.ejb.dsn;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The body of the {@code message/delivery-status} part (RFC 3464 section 2.1): the per-message fields, then
 * one block of per-recipient fields per recipient, blocks separated by an empty line.
 *
 * <p>The body is 7-bit text (section 2.1). Values we did not produce (ENVID, a remote reply) are made
 * printable US-ASCII so that no peer text can break the structure; a non-ASCII recipient address is written
 * with the {@code utf-8} address type and its {@code \x{HEX}} escapes (RFC 6533 section 3) instead of being
 * mangled.
 */
final class DeliveryStatusFields {

    /** RFC 5322 section 3.3 date-time, the format of every date field of section 2. */
    static final DateTimeFormatter RFC5322_DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private DeliveryStatusFields() {
    }

    static String render(DeliveryReport report, String reportingMta) {
        StringBuilder out = new StringBuilder();
        field(out, "Reporting-MTA", "dns; " + printable(reportingMta));
        if (report.envid() != null) {
            field(out, "Original-Envelope-Id", printable(report.envid()));
        }
        field(out, "Arrival-Date", RFC5322_DATE.format(report.arrivalDate()));
        for (RecipientStatus r : report.recipients()) {
            out.append("\r\n");
            if (r.originalRecipient() != null) {
                field(out, "Original-Recipient", typedAddress(r.originalRecipient()));
            }
            field(out, "Final-Recipient", address("rfc822", r.finalRecipient()));
            field(out, "Action", r.action().name().toLowerCase(Locale.ROOT));
            field(out, "Status", printable(r.status()));
            if (r.remoteMta() != null) {
                field(out, "Remote-MTA", "dns; " + printable(r.remoteMta()));
            }
            if (r.diagnosticCode() != null) {
                field(out, "Diagnostic-Code", printable(r.diagnosticCode()));
            }
            date(out, "Last-Attempt-Date", r.lastAttempt());
            date(out, "Will-Retry-Until", r.action() == RecipientStatus.Action.DELAYED ? r.willRetryUntil() : null);
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(value).append("\r\n");
    }

    private static void date(StringBuilder out, String name, OffsetDateTime when) {
        if (when != null) {
            field(out, name, RFC5322_DATE.format(when));
        }
    }

    /** ORCPT is kept as {@code addr-type;address} (RFC 3461 section 4.2); section 2.3.1 writes it back as is. */
    private static String typedAddress(String orcpt) {
        int semicolon = orcpt.indexOf(';');
        if (semicolon <= 0) {
            return address("rfc822", orcpt);
        }
        return address(orcpt.substring(0, semicolon).strip(), orcpt.substring(semicolon + 1).strip());
    }

    private static String address(String type, String address) {
        boolean ascii = address.chars().allMatch(c -> c < 0x80);
        if (ascii) {
            return printable(type) + ";" + printable(address);
        }
        StringBuilder escaped = new StringBuilder("utf-8;");
        address.codePoints().forEach(c -> {
            if (c > 0x20 && c < 0x7f && c != '+' && c != '\\' && c != '=') {
                escaped.appendCodePoint(c);
            } else {
                escaped.append("\\x{").append(Integer.toHexString(c).toUpperCase(Locale.ROOT)).append('}');
            }
        });
        return escaped.toString();
    }

    /** One line of printable US-ASCII: line breaks become spaces, anything else outside the range a '?'. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.chars().forEach(c -> out.append(c == '\r' || c == '\n' || c == '\t' ? ' '
                : c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return out.toString().strip();
    }
}
