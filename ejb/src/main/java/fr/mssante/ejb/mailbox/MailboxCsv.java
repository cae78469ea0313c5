package fr.mssante.ejb.mailbox;

import fr.mssante.ejb.tenant.InvalidFieldException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The mailbox import file: RFC 4180 CSV, UTF-8, comma-separated, first line the header
 * {@value #HEADER} (columns in any order; address and type required, the others may be left out).
 * Values are taken as written: a cell with surrounding spaces is refused by the address check rather
 * than trimmed, as everywhere else in the API.
 */
public final class MailboxCsv {

    public static final String HEADER = "address,type,displayName,ownerNationalId,quotaMb,publishedInDirectory,redList";
    public static final int MAX_LINES = 10_000;
    private static final Set<String> COLUMNS = Set.of(HEADER.split(","));
    private static final long MB = 1024L * 1024L;

    private MailboxCsv() {
    }

    /** One data line, read into a request, with what could not be read. */
    public record Row(long line, String address, NewMailbox request, List<InvalidFieldException> errors) {
    }

    /**
     * @throws InvalidFieldException naming {@code file} when the header is wrong or the file too long
     */
    public static List<Row> read(Reader in) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).get();
        try (CSVParser parser = CSVParser.parse(withoutBom(in), format)) {
            List<String> header = parser.getHeaderNames();
            for (String column : header) {
                if (!COLUMNS.contains(column)) {
                    throw new InvalidFieldException("file", "unknown column '" + column + "': the header is " + HEADER);
                }
            }
            if (!header.contains("address") || !header.contains("type")) {
                throw new InvalidFieldException("file", "the columns address and type are required: the header is " + HEADER);
            }
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (rows.size() == MAX_LINES) {
                    throw new InvalidFieldException("file", "more than " + MAX_LINES + " lines: split the file");
                }
                rows.add(row(record));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // commons-csv's refusals of the header (duplicate or empty names) and of malformed quoting
            throw new InvalidFieldException("file", "not a CSV file as expected (" + e.getMessage() + ")");
        }
    }

    static Row row(CSVRecord record) {
        List<InvalidFieldException> errors = new ArrayList<>();
        String address = cell(record, "address");
        MailboxType type = null;
        String typeText = cell(record, "type");
        try {
            type = typeText == null ? null : MailboxType.valueOf(typeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new InvalidFieldException("type", "must be PER, ORG or APP, not '" + typeText + "'"));
        }
        Long quotaBytes = null;
        String quota = cell(record, "quotaMb");
        if (quota != null) {
            try {
                quotaBytes = Math.multiplyExact(Long.parseLong(quota), MB);
            } catch (NumberFormatException | ArithmeticException e) {
                errors.add(new InvalidFieldException("quotaMb", "must be a whole number of megabytes, not '" + quota + "'"));
            }
        }
        NewMailbox request = new NewMailbox(address, type, cell(record, "displayName"), cell(record, "ownerNationalId"),
                null, quotaBytes, bool(record, "publishedInDirectory", errors), bool(record, "redList", errors));
        if (type != null || typeText == null) {
            errors.addAll(MailboxRules.violations(request));
        } else {
            MailboxRules.violations(request).stream().filter(e -> !e.field().equals("type")).forEach(errors::add);
        }
        return new Row(record.getRecordNumber() + 1, address, request, errors);
    }

    /** A cell, null when the column is absent or the cell empty. */
    private static String cell(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column);
        return value.isEmpty() ? null : value;
    }

    private static Boolean bool(CSVRecord record, String column, List<InvalidFieldException> errors) {
        String value = cell(record, column);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "oui", "1" -> true;
            case "false", "no", "non", "0" -> false;
            default -> {
                errors.add(new InvalidFieldException(column, "must be true or false, not '" + value + "'"));
                yield null;
            }
        };
    }

    /** Spreadsheets save UTF-8 with a byte order mark; it is not part of the first column's name. */
    private static Reader withoutBom(Reader in) throws IOException {
        PushbackReader reader = new PushbackReader(in, 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }
}
