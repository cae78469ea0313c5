package fr.mssante.connector.api.mail;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lenient parser for the Date header (RFC 5322 section 3.3, with the obsolete forms of section
 * 4.3: two-digit years, alphabetic zones, comments) that keeps the sender's UTC offset.
 *
 * <p>Tokens are recognised by shape rather than position, so common deviations still parse:
 * missing day-of-week or seconds, "GMT+0200"-like suffixes, asctime order
 * ("Wed Jul 17 02:23:25 1996"). Military single-letter zones and an absent zone are read as UTC
 * (RFC 5322 section 4.3 says they carry no reliable information). Returns null when no
 * plausible date is found; never throws.
 *
 * <p>The one Date parser of the platform: delivery stores what it returns, SEARCH SENTBEFORE/SENTON/
 * SENTSINCE compare its local date and SORT (DATE) its instant, so they never disagree on a message.
 * It lives in the connector API because both the protocol engine and the application use it. mime4j's
 * {@code DateTimeParser} and Angus {@code MailDateFormat} return a {@code java.util.Date}, an instant:
 * they lose the sender's offset, which RFC 3501 6.4.4 needs ("disregarding time and timezone" means the
 * date as written in the field), see ADR 0028.
 */
public final class DateHeaderParser {

    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    /** RFC 5322 section 4.3 obs-zone. */
    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("ut", 0), Map.entry("utc", 0), Map.entry("gmt", 0), Map.entry("z", 0),
            Map.entry("est", -5), Map.entry("edt", -4), Map.entry("cst", -6), Map.entry("cdt", -5),
            Map.entry("mst", -7), Map.entry("mdt", -6), Map.entry("pst", -8), Map.entry("pdt", -7),
            Map.entry("cet", 1), Map.entry("cest", 2), Map.entry("met", 1), Map.entry("mest", 2));

    /** "06-Jan-2025", the IMAP date-time order some gateways copy into Date. */
    private static final Pattern DASHED_DATE = Pattern.compile("\\b(\\d{1,2})-([A-Za-z]{3,})-(\\d{2,4})\\b");

    private DateHeaderParser() {
    }

    public static OffsetDateTime parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        OffsetDateTime parsed;
        try {
            parsed = parseTokens(HeaderComments.strip(value));
        } catch (DateTimeException | NumberFormatException e) {
            parsed = null;
        }
        if (parsed == null) {
            try {
                parsed = OffsetDateTime.parse(value.trim()); // ISO 8601 from non-conforming software
            } catch (DateTimeException e) {
                return null;
            }
        }
        return parsed;
    }

    private static OffsetDateTime parseTokens(String v) {
        int day = -1;
        int month = -1;
        int year = -1;
        int[] time = null;
        ZoneOffset zone = null;
        for (String raw : DASHED_DATE.matcher(v.replace(',', ' ')).replaceAll("$1 $2 $3").trim().split("\\s+")) {
            String t = raw.toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("gmt") || t.startsWith("utc")) {
                t = t.substring(3);
                if (t.isEmpty()) {
                    zone = zone == null ? ZoneOffset.UTC : zone;
                    continue;
                }
            }
            if ((t.charAt(0) == '+' || t.charAt(0) == '-') && t.length() > 1 && Character.isDigit(t.charAt(1))) {
                zone = zone == null ? offset(t) : zone;
            } else if (t.indexOf(':') > 0 && time == null) {
                time = time(t);
            } else if (Character.isLetter(t.charAt(0))) {
                int m = month(t);
                if (m > 0 && month < 0) {
                    month = m;
                } else if (zone == null && ZONES.containsKey(t)) {
                    zone = ZoneOffset.ofHours(ZONES.get(t));
                }
            } else if (t.chars().allMatch(Character::isDigit)) {
                int n = Integer.parseInt(t.length() > 9 ? t.substring(0, 9) : t);
                if (t.length() <= 2 && day < 0 && n >= 1 && n <= 31) {
                    day = n;
                } else if (year < 0) {
                    year = n;
                }
            }
        }
        if (day < 0 || month < 0 || year < 0 || time == null) {
            return null;
        }
        if (year < 50) {
            year += 2000; // RFC 5322 section 4.3: 00-49 are 2000-2049
        } else if (year < 1000) {
            year += 1900;
        }
        int second = Math.min(time[2], 59); // leap second
        return OffsetDateTime.of(year, month, day, time[0], time[1], second, 0,
                zone == null ? ZoneOffset.UTC : zone);
    }

    private static int month(String t) {
        if (t.length() < 3) {
            return -1;
        }
        String prefix = t.substring(0, 3);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(prefix)) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int[] time(String t) {
        String[] p = t.split(":");
        if (p.length < 2 || p.length > 3) {
            return null;
        }
        int h = Integer.parseInt(p[0]);
        int m = Integer.parseInt(p[1]);
        int s = p.length == 3 ? Integer.parseInt(p[2].replaceAll("[^0-9].*$", "")) : 0;
        return h < 24 && m < 60 && s <= 60 ? new int[] {h, m, s} : null;
    }

    /** "+hhmm", "-hh:mm", "+h": an offset; -0000 (unknown zone, RFC 5322 3.3) is UTC. */
    private static ZoneOffset offset(String t) {
        int sign = t.charAt(0) == '-' ? -1 : 1;
        String digits = t.substring(1).replace(":", "");
        if (!digits.chars().allMatch(Character::isDigit) || digits.isEmpty() || digits.length() > 4) {
            return null;
        }
        int hh;
        int mm;
        if (digits.length() <= 2) {
            hh = Integer.parseInt(digits);
            mm = 0;
        } else {
            int n = Integer.parseInt(digits);
            hh = n / 100;
            mm = n % 100;
        }
        if (hh > 18 || mm > 59) {
            return ZoneOffset.UTC;
        }
        return ZoneOffset.ofHoursMinutes(sign * hh, sign * mm);
    }
}
