package fr.mssante.ejb.tenant;

import java.net.IDN;
import java.util.Locale;

/**
 * A domain name in the one form every authorisation decision and every lookup compares: ASCII,
 * lower case, letters-digits-hyphen labels, no trailing dot.
 *
 * <p>IDN policy: MSSanté domains are ASCII; an internationalised domain is accepted only in its
 * A-label form ({@code xn--...}, RFC 5890 section 2.3.2.1). A U-label is refused with its A-label in the
 * message rather than converted, so that look-alike Unicode never silently becomes another
 * establishment's domain. Whitespace and control characters anywhere are refused, never trimmed: what
 * is checked is what is stored.
 */
public record CanonicalDomain(String name) {

    /** RFC 1035 section 2.3.4 (255 octets on the wire, 253 in text form). */
    public static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;

    public CanonicalDomain {
        if (!name.equals(canonicalText(name, "domain"))) {
            throw new IllegalArgumentException("not canonical: " + name);
        }
    }

    /**
     * @param field the request field this value came from, named in the refusal
     * @throws InvalidFieldException with the reason when the value is not a domain name
     */
    public static CanonicalDomain parse(String raw, String field) {
        return new CanonicalDomain(canonicalText(raw, field));
    }

    static String canonicalText(String raw, String field) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidFieldException(field, "a domain name is required");
        }
        RawText.refuseSpacesAndControls(raw, field);
        if (!raw.chars().allMatch(c -> c < 0x80)) {
            throw new InvalidFieldException(field, "internationalised domains are accepted in their A-label form only ("
                    + aLabelHint(raw) + ")");
        }
        String name = raw.toLowerCase(Locale.ROOT);
        if (name.length() > MAX_LENGTH) {
            throw new InvalidFieldException(field, "domain longer than " + MAX_LENGTH + " characters");
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            throw new InvalidFieldException(field, "a fully qualified domain name is required");
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_LABEL || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                throw new InvalidFieldException(field, "'" + name + "' is not a domain name (letters, digits, hyphens; labels of 1 to 63)");
            }
        }
        return name;
    }

    private static String aLabelHint(String raw) {
        try {
            return "did you mean " + IDN.toASCII(raw, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT) + "?";
        } catch (IllegalArgumentException e) {
            return "and this one is not a valid IDN either";
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
