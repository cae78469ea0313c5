package fr.mssante.ejb.tenant;

import java.util.Locale;

/**
 * A hosted-mailbox address in the one form that authorisation and lookups use: {@code local@domain},
 * ASCII, lower case, dot-atom local part (RFC 5322 section 3.2.3), canonical domain.
 *
 * <p>Stricter than what SMTP accepts in an envelope on purpose: this is the form of addresses the
 * platform provisions. Quoted local parts and UTF-8 local parts (RFC 6531) are refused here, so two
 * spellings of one mailbox cannot exist, and no Unicode look-alike reaches a lookup. Surrounding
 * whitespace is refused, not trimmed: trimming after the authorisation check is how an address of
 * another establishment once passed the check.
 */
public record CanonicalAddress(String localPart, CanonicalDomain domain) {

    /** RFC 5321 section 4.5.3.1.1. */
    public static final int MAX_LOCAL_PART = 64;
    /** RFC 5321 section 4.5.3.1.3: a path is 256 octets including the angle brackets. */
    public static final int MAX_LENGTH = 254;
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    /**
     * @param field the request field this value came from, named in the refusal
     * @throws InvalidFieldException with the reason when the value is not a mailbox address
     */
    public static CanonicalAddress parse(String raw, String field) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidFieldException(field, "an address is required");
        }
        RawText.refuseSpacesAndControls(raw, field);
        if (raw.length() > MAX_LENGTH) {
            throw new InvalidFieldException(field, "address longer than " + MAX_LENGTH + " characters");
        }
        int at = raw.lastIndexOf('@');
        if (at <= 0 || at == raw.length() - 1) {
            throw new InvalidFieldException(field, "an address is local-part@domain");
        }
        String local = raw.substring(0, at).toLowerCase(Locale.ROOT);
        if (local.length() > MAX_LOCAL_PART) {
            throw new InvalidFieldException(field, "local part longer than " + MAX_LOCAL_PART + " characters");
        }
        if (!isAsciiDotAtom(local)) {
            throw new InvalidFieldException(field, "local part must be ASCII letters, digits, dots (not first, last or doubled) and "
                    + ATEXT_SPECIALS);
        }
        return new CanonicalAddress(local, CanonicalDomain.parse(raw.substring(at + 1), field));
    }

    public String value() {
        return localPart + "@" + domain.name();
    }

    @Override
    public String toString() {
        return value();
    }

    private static boolean isAsciiDotAtom(String s) {
        if (s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        return s.chars().allMatch(c -> c == '.' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || ATEXT_SPECIALS.indexOf(c) >= 0);
    }
}
