package fr.mssante.ejb.trust;

import fr.mssante.connector.api.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Where the whitelist comes from and how often, from system properties with an environment fallback
 * ({@code mssante.whitelist.url} / {@code MSSANTE_WHITELIST_URL}, and so on). An invalid value fails the
 * deployment naming the setting: a typo must not leave the platform on a list nobody refreshes.
 *
 * @param url            the list ({@value #DEFAULT_URL} by default); HTTPS only
 * @param digestUrl      its published SHA-256, null when not configured (no digest check)
 * @param trust          PEM bundle of the CAs the HTTPS server must chain to, null for the JDK's default trust
 * @param refreshPeriod  {@code mssante.whitelist.refresh-minutes}, 60 by default
 */
public record WhitelistSettings(URI url, URI digestUrl, Path trust, Duration refreshPeriod) {

    public static final String DEFAULT_URL = "https://espacedeconfiance.mssante.fr/listeblanchemssante.xml";
    static final String URL = "mssante.whitelist.url";
    static final String DIGEST_URL = "mssante.whitelist.sha256-url";
    static final String TRUST = "mssante.whitelist.trust";
    static final String REFRESH_MINUTES = "mssante.whitelist.refresh-minutes";
    private static final int DEFAULT_REFRESH_MINUTES = 60;

    /** The list is called stale when it has not been confirmed for this many refresh periods. */
    static final int STALE_AFTER_PERIODS = 3;

    public static WhitelistSettings fromSystemProperties() {
        return from(Settings::configured);
    }

    /** @param source the configured value of a property name, null or blank when not set */
    static WhitelistSettings from(UnaryOperator<String> source) {
        String url = source.apply(URL);
        String digest = source.apply(DIGEST_URL);
        String trust = source.apply(TRUST);
        String minutes = source.apply(REFRESH_MINUTES);
        return new WhitelistSettings(https(isBlank(url) ? DEFAULT_URL : url.strip(), URL),
                isBlank(digest) ? null : https(digest.strip(), DIGEST_URL),
                isBlank(trust) ? null : trustFile(trust.strip()),
                Duration.ofMinutes(isBlank(minutes) ? DEFAULT_REFRESH_MINUTES : minutes(minutes.strip())));
    }

    /** Older than this without a successful check, the list is reported stale. */
    public Duration staleAfter() {
        return refreshPeriod.multipliedBy(STALE_AFTER_PERIODS);
    }


    private static URI https(String value, String property) {
        try {
            URI uri = new URI(value);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw invalid(property, value, "an https:// URL is required (the list decides whom we exchange mail with)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(property, value, "not a URL: " + e.getMessage());
        }
    }

    private static Path trustFile(String value) {
        Path file = Path.of(value);
        if (!Files.isReadable(file)) {
            throw invalid(TRUST, value, "no readable PEM file there");
        }
        return file;
    }

    private static long minutes(String value) {
        try {
            long minutes = Long.parseLong(value);
            if (minutes >= 1 && minutes <= 7 * 24 * 60) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // same refusal as out of range
        }
        throw invalid(REFRESH_MINUTES, value, "a number of minutes between 1 and 10080 is required");
    }

    private static IllegalStateException invalid(String property, String value, String why) {
        return new IllegalStateException(property + " (or " + Settings.environmentName(property) + ") = '" + value + "': " + why);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
