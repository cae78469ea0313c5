package fr.mssante.ejb.mailbox;

import java.util.List;

/**
 * What an import did, or would do on a dry run, line by line ({@code line} counts the header as 1, as
 * a spreadsheet shows it).
 */
public record ImportReport(boolean dryRun, List<Line> lines, int created, int unchanged, int failed) {

    public enum Action { CREATE, UNCHANGED, ERROR }

    public record Line(long line, String address, Action action, List<FieldError> errors) {
    }

    /** Same shape as the API's problem {@code errors[]} members. */
    public record FieldError(String field, String message) {
    }

    static ImportReport of(boolean dryRun, List<Line> lines) {
        return new ImportReport(dryRun, lines, count(lines, Action.CREATE), count(lines, Action.UNCHANGED),
                count(lines, Action.ERROR));
    }

    private static int count(List<Line> lines, Action action) {
        return (int) lines.stream().filter(l -> l.action() == action).count();
    }
}
