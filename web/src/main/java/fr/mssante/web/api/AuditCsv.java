package fr.mssante.web.api;

import fr.mssante.ejb.audit.AuditEntry;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The audit export as CSV (RFC 4180: CRLF, quoted when needed), safe to open in a spreadsheet: a cell
 * that starts with {@code = + - @}, a tab or a carriage return is prefixed with an apostrophe so that
 * it is shown as text, never evaluated as a formula (OWASP "CSV Injection"). Audit details contain
 * text that clients chose (device names, HELO names, addresses), so this matters.
 */
final class AuditCsv implements AutoCloseable {

    static final String[] HEADER = {"id", "occurredAt", "type", "actor", "mailbox", "details"};

    private final CSVPrinter printer;

    AuditCsv(Writer out) {
        try {
            this.printer = CSVFormat.RFC4180.builder().setHeader(HEADER).get().print(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(AuditEntry entry) {
        try {
            printer.printRecord(entry.id(), entry.occurredAt(), entry.type(), safe(entry.actor()),
                    safe(entry.mailbox()), safe(entry.details()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
