package fr.mssante.ejb.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them in settings (relay, cluster): a number and a unit, {@code 30s}, {@code 2m}, {@code 4h}, {@code 5d}. */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd])");

    private Durations() {
    }

    /** @throws IllegalStateException naming {@code setting} when {@code text} is not a positive duration */
    public static Duration parse(String text, String setting) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalStateException(setting + ": '" + text + "' is not a positive duration such as 30s, 2m, 4h or 5d");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
