package fr.mssante.connector.imap.sort;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the Date field (RFC 5322 section 3.3, with the obsolete forms of 4.3: two-digit years, zone
 * names, comments) leniently, for SORT (DATE) (RFC 5256: when it cannot be parsed, the internal date is
 * used instead).
 */
public final class SentDates {

    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    /** RFC 5322 section 4.3 zone names; UT, GMT and unknown names are +0000. */
    private static final Map<String, Integer> ZONES = Map.of("est", -5, "edt", -4, "cst", -6, "cdt", -5,
            "mst", -7, "mdt", -6, "pst", -8, "pdt", -7);

    private SentDates() {
    }

    /** The date, or null when it cannot be parsed. */
    public static OffsetDateTime parse(String date) {
        if (date == null) {
            return null;
        }
        List<String> tokens = tokens(date);
        if (!tokens.isEmpty() && tokens.get(0).endsWith(",")) {
            tokens.remove(0);
        } else if (tokens.size() > 5 && Character.isLetter(tokens.get(0).charAt(0))) {
            tokens.remove(0);
        }
        if (tokens.size() < 4) {
            return null;
        }
        try {
            int day = Integer.parseInt(tokens.get(0));
            int month = MONTHS.indexOf(tokens.get(1).toLowerCase(Locale.ROOT).substring(0, Math.min(3, tokens.get(1).length()))) + 1;
            int year = Integer.parseInt(tokens.get(2));
            if (tokens.get(2).length() <= 2) {
                year += year < 50 ? 2000 : 1900;
            } else if (tokens.get(2).length() == 3) {
                year += 1900;
            }
            String[] time = tokens.get(3).split(":");
            int hour = Integer.parseInt(time[0]);
            int minute = Integer.parseInt(time[1]);
            int second = time.length > 2 ? Integer.parseInt(time[2]) : 0;
            ZoneOffset offset = tokens.size() > 4 ? zone(tokens.get(4)) : ZoneOffset.UTC;
            if (month < 1) {
                return null;
            }
            return OffsetDateTime.of(LocalDateTime.of(year, month, day, hour, minute, second), offset);
        } catch (NumberFormatException | DateTimeException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static ZoneOffset zone(String zone) {
        if ((zone.startsWith("+") || zone.startsWith("-")) && zone.length() == 5) {
            int sign = zone.startsWith("-") ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(zone.substring(1, 3)),
                    sign * Integer.parseInt(zone.substring(3, 5)));
        }
        // RFC 5322 section 4.3: unknown zone names and military zones mean "-0000" (no information).
        return ZoneOffset.ofHours(ZONES.getOrDefault(zone.toLowerCase(Locale.ROOT), 0));
    }

    /** Words of the field, comments removed. */
    private static List<String> tokens(String date) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (char c : date.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                text.append(c);
            }
        }
        List<String> tokens = new ArrayList<>();
        for (String token : text.toString().trim().split("[ \\t\\r\\n]+")) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }
}
