package fr.mssante.connector.api.smtp;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * An RFC 5321 mailbox ({@code local-part@domain}) as seen in an SMTP envelope, in canonical form so that
 * two spellings of one mailbox compare equal (ADR 0030):
 *
 * <ul>
 *   <li>The domain is an A-label domain, lower-cased: U-labels (RFC 6531 section 3.3, internationalised
 *       domains) are converted with {@link IDN#toASCII} (domains are case-insensitive, RFC 5321 section 2.4,
 *       and an A-label and its U-label name the same domain, RFC 5890 section 2.3.2.1). Every lookup (hosted
 *       domain, whitelist, MX) therefore sees the ASCII form the DNS and our tables use.</li>
 *   <li>The local part is kept as received, case included (RFC 5321 section 2.4: it MAY be case-sensitive),
 *       except that a UTF-8 local part is put in Unicode normalization form NFC (RFC 6530 section 10.1, RFC
 *       6532 section 3.1): "é" sent precomposed or as "e" + combining accent is one mailbox. Address lookups in
 *       the application compare the whole address case-insensitively, which is what every MSSanté operator
 *       does.</li>
 * </ul>
 */
public record MailAddress(String localPart, String domain) {

    /** RFC 5321 section 4.5.3.1.1 and 4.5.3.1.2. */
    public static final int MAX_LOCAL_PART = 64;
    public static final int MAX_DOMAIN = 255;

    public MailAddress {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        localPart = isAscii(localPart) ? localPart : Normalizer.normalize(localPart, Normalizer.Form.NFC);
        domain = toALabels(domain).toLowerCase(Locale.ROOT);
    }

    /**
     * The ASCII form of a domain: itself when already ASCII, else its A-labels ({@link IDN#toASCII}, which
     * also maps the label separators of RFC 3490 section 3.1 to dots).
     *
     * @throws IllegalArgumentException when a label cannot be converted (not a valid IDN label)
     */
    private static String toALabels(String domain) {
        if (isAscii(domain)) {
            return domain;
        }
        try {
            return IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid internationalized domain: " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code text} is US-ASCII, i.e. usable in a pre-RFC 6531 envelope. Asked of the address as written:
     * the canonical form may have turned U-labels into A-labels, but the transaction still needed SMTPUTF8 to
     * carry them (RFC 6531 section 3.5).
     */
    public static boolean isAscii(CharSequence text) {
        return text.chars().allMatch(c -> c < 0x80);
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
        // Octets, not characters: RFC 6531 section 3.3 keeps RFC 5321's limits in octets of UTF-8.
        if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_PART) {
            throw new IllegalArgumentException("local part longer than " + MAX_LOCAL_PART + " octets");
        }
        if (!isDotAtom(local) && !isQuotedString(local)) {
            throw new IllegalArgumentException("invalid local part");
        }
        if (!isDomain(domain) && !isAddressLiteral(domain)) {
            throw new IllegalArgumentException("invalid domain");
        }
        MailAddress address = new MailAddress(local, domain);
        // Measured on the A-label form, the one that travels in DNS (RFC 5890 section 4.2).
        if (address.domain().length() > MAX_DOMAIN) {
            throw new IllegalArgumentException("domain longer than " + MAX_DOMAIN + " octets");
        }
        return address;
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
