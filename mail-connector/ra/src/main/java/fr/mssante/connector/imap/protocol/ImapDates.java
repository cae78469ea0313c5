package fr.mssante.connector.imap.protocol;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * The two date forms of RFC 3501 section 9: {@code date-time} ("17-Jul-1996 02:44:25 -0700", INTERNALDATE
 * and APPEND) and {@code date} ("1-Feb-1994", SEARCH). Month names are English whatever the locale.
 */
public final class ImapDates {

    private static final List<String> MONTHS =
            List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

    private ImapDates() {
    }

    /** INTERNALDATE value, without the quotes; the day is space-padded ({@code date-day-fixed}). */
    public static String format(OffsetDateTime time) {
        int offsetMinutes = time.getOffset().getTotalSeconds() / 60;
        return String.format(Locale.ROOT, "%2d-%s-%04d %02d:%02d:%02d %s%02d%02d",
                time.getDayOfMonth(), MONTHS.get(time.getMonthValue() - 1), time.getYear(),
                time.getHour(), time.getMinute(), time.getSecond(),
                offsetMinutes < 0 ? "-" : "+", Math.abs(offsetMinutes) / 60, Math.abs(offsetMinutes) % 60);
    }

    /** {@code date-time} without its quotes. */
    public static OffsetDateTime parseDateTime(String text) throws ImapSyntaxException {
        // date-day-fixed "-" date-month "-" date-year SP time SP zone
        if (text.length() != 26 || text.charAt(2) != '-' || text.charAt(6) != '-' || text.charAt(11) != ' '
                || text.charAt(14) != ':' || text.charAt(17) != ':' || text.charAt(20) != ' ') {
            throw new ImapSyntaxException("Invalid date-time \"" + text + "\"");
        }
        try {
            int day = Integer.parseInt(text.substring(0, 2).trim());
            int month = month(text.substring(3, 6));
            int year = digits(text.substring(7, 11));
            LocalDateTime local = LocalDateTime.of(year, month, day, digits(text.substring(12, 14)),
                    digits(text.substring(15, 17)), digits(text.substring(18, 20)));
            char sign = text.charAt(21);
            int zoneHours = digits(text.substring(22, 24));
            int zoneMinutes = digits(text.substring(24, 26));
            if ((sign != '+' && sign != '-') || zoneMinutes > 59) {
                throw new ImapSyntaxException("Invalid zone in date-time \"" + text + "\"");
            }
            int sign1 = sign == '-' ? -1 : 1;
            return OffsetDateTime.of(local, ZoneOffset.ofHoursMinutes(sign1 * zoneHours, sign1 * zoneMinutes));
        } catch (NumberFormatException | DateTimeException e) {
            throw new ImapSyntaxException("Invalid date-time \"" + text + "\"");
        }
    }

    /** {@code date-text}: 1*2DIGIT "-" date-month "-" 4DIGIT. */
    public static LocalDate parseDate(String text) throws ImapSyntaxException {
        String[] fields = text.split("-", -1);
        if (fields.length != 3 || fields[0].isEmpty() || fields[0].length() > 2 || fields[2].length() != 4) {
            throw new ImapSyntaxException("Invalid date \"" + text + "\"");
        }
        try {
            return LocalDate.of(digits(fields[2]), month(fields[1]), digits(fields[0]));
        } catch (NumberFormatException | DateTimeException e) {
            throw new ImapSyntaxException("Invalid date \"" + text + "\"");
        }
    }

    private static int month(String name) throws ImapSyntaxException {
        for (int i = 0; i < MONTHS.size(); i++) {
            if (MONTHS.get(i).equalsIgnoreCase(name)) {
                return i + 1;
            }
        }
        throw new ImapSyntaxException("Invalid month \"" + name + "\"");
    }

    private static int digits(String text) {
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(text);
        }
        return Integer.parseInt(text);
    }
}
