package fr.mssante.connector.api.smtp;

import java.util.Locale;
import java.util.Objects;

/**
 * An RFC 5321 mailbox ({@code local-part@domain}) as seen in an SMTP envelope.
 *
 * <p>The domain is lower-cased (domains are case-insensitive, RFC 5321 section 2.4); the local part
 * is kept as received because RFC 5321 says it MAY be case-sensitive. Address lookups in the
 * application compare the whole address case-insensitively, which is what every MSSanté operator does.
 */
public record MailAddress(String localPart, String domain) {

    /** RFC 5321 section 4.5.3.1.1 and 4.5.3.1.2. */
    public static final int MAX_LOCAL_PART = 64;
    public static final int MAX_DOMAIN = 255;

    public MailAddress {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        domain = domain.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code local@domain} (no angle brackets). Accepts dot-atom and quoted-string local parts
     * and domain names or address literals; rejects anything else.
     *
     * @throws IllegalArgumentException with a human-readable reason when the syntax is wrong
     */
    public static MailAddress parse(String text) {
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("address must be local-part@domain");
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (local.length() > MAX_LOCAL_PART) {
            throw new IllegalArgumentException("local part longer than " + MAX_LOCAL_PART + " octets");
        }
        if (domain.length() > MAX_DOMAIN) {
            throw new IllegalArgumentException("domain longer than " + MAX_DOMAIN + " octets");
        }
        if (!isDotAtom(local) && !isQuotedString(local)) {
            throw new IllegalArgumentException("invalid local part");
        }
        if (!isDomain(domain) && !isAddressLiteral(domain)) {
            throw new IllegalArgumentException("invalid domain");
        }
        return new MailAddress(local, domain);
    }

    /** The address as it is written in an envelope, without angle brackets. */
    public String address() {
        return localPart + "@" + domain;
    }

    @Override
    public String toString() {
        return address();
    }

    private static boolean isDotAtom(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        return s.codePoints().allMatch(c -> c == '.' || isAtext(c));
    }

    /** RFC 5322 atext, plus UTF-8 (RFC 6531) so that internationalised local parts are not refused. */
    private static boolean isAtext(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 || c >= 0x80;
    }

    private static boolean isQuotedString(String s) {
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            return false;
        }
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
                if (i >= s.length() - 1) {
                    return false;
                }
            } else if (c == '"' || c < 32 || c == 127) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDomain(String s) {
        String[] labels = s.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            if (!label.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAddressLiteral(String s) {
        return s.length() > 2 && s.startsWith("[") && s.endsWith("]")
                && s.substring(1, s.length() - 1).chars().allMatch(c -> c > 32 && c < 127 && c != '[' && c != ']' && c != '\\');
    }
}
