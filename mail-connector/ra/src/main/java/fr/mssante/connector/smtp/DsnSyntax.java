package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.DsnParameters.Notify;
import fr.mssante.connector.api.smtp.DsnParameters.Ret;
import fr.mssante.connector.api.smtp.Xtext;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values of the RFC 3461 parameters: RET and ENVID on MAIL FROM, NOTIFY and ORCPT on RCPT TO. Each
 * method returns the decoded value or throws an {@link IllegalArgumentException} whose message says
 * precisely what is wrong, for the 501 reply. Keywords are matched without case (RFC 5321 section 2.4),
 * and so are the keyword-like values (FULL, HDRS, NEVER...), ABNF literals being case-insensitive.
 */
final class DsnSyntax {

    /** RFC 3461 section 4.4: an ENVID "MUST NOT" exceed 100 characters. */
    static final int MAX_ENVID = 100;
    /** RFC 3461 section 4.2: "The entire ORCPT parameter MAY be up to 500 characters in length." */
    static final int MAX_ORCPT_PARAMETER = 500;
    /** RFC 5322 section 3.2.3: atom = 1*atext ("=" cannot occur in an esmtp-value anyway). */
    private static final Pattern ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~]+");

    private DsnSyntax() {
    }

    /** RFC 3461 section 4.3: ret-value = "FULL" / "HDRS". */
    static Ret ret(String value) {
        String word = required(value).toUpperCase(Locale.ROOT);
        return switch (word) {
            case "FULL" -> Ret.FULL;
            case "HDRS" -> Ret.HDRS;
            default -> throw new IllegalArgumentException("'" + value + "' is neither FULL nor HDRS");
        };
    }

    /** RFC 3461 section 4.4: ENVID=xtext, at most 100 characters of printable US-ASCII once decoded. */
    static String envid(String value) {
        String decoded = printable(Xtext.decode(required(value)));
        if (decoded.isEmpty()) {
            throw new IllegalArgumentException("the envelope identifier is empty");
        }
        if (decoded.length() > MAX_ENVID) {
            throw new IllegalArgumentException("longer than " + MAX_ENVID + " characters (" + decoded.length() + ")");
        }
        return decoded;
    }

    /**
     * RFC 3461 section 4.1: {@code NOTIFY=NEVER} or a comma-separated list of SUCCESS, FAILURE, DELAY;
     * NEVER stands alone, and a keyword given twice is refused as the malformed list it is.
     */
    static Set<Notify> notify(String value) {
        Set<Notify> keywords = EnumSet.noneOf(Notify.class);
        for (String element : required(value).split(",", -1)) {
            Notify keyword;
            try {
                keyword = element.isEmpty() ? null : Notify.valueOf(element.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                keyword = null;
            }
            if (keyword == null) {
                throw new IllegalArgumentException("'" + element + "' is not NEVER, SUCCESS, FAILURE or DELAY");
            }
            if (!keywords.add(keyword)) {
                throw new IllegalArgumentException(keyword + " is given twice");
            }
        }
        if (keywords.contains(Notify.NEVER) && keywords.size() > 1) {
            throw new IllegalArgumentException("NEVER cannot be combined with SUCCESS, FAILURE or DELAY");
        }
        return keywords;
    }

    /**
     * RFC 3461 section 4.2: {@code addr-type ";" xtext}, returned as {@code addr-type;decoded-address}.
     * The address is not checked against the syntax of its type: the RFC says it is not constrained to it.
     */
    static String orcpt(String value) {
        String text = required(value);
        if ("ORCPT=".length() + text.length() > MAX_ORCPT_PARAMETER) {
            throw new IllegalArgumentException("the parameter is longer than " + MAX_ORCPT_PARAMETER + " characters");
        }
        int semicolon = text.indexOf(';');
        if (semicolon < 0) {
            throw new IllegalArgumentException("expected addr-type;address, e.g. rfc822;user@example.fr");
        }
        String type = text.substring(0, semicolon);
        if (!ATOM.matcher(type).matches()) {
            throw new IllegalArgumentException("the address type '" + type + "' is not an atom");
        }
        String address = printable(Xtext.decode(text.substring(semicolon + 1)));
        if (address.isEmpty()) {
            throw new IllegalArgumentException("the original recipient address is empty");
        }
        return type + ";" + address;
    }

    private static String required(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a value is required");
        }
        return value;
    }

    /**
     * RFC 3461 sections 4.2 and 4.4: the decoded value "MUST consist entirely of printable (graphic and
     * white space) characters from the US-ASCII repertoire", since it is copied into the DSN.
     */
    private static String printable(String decoded) {
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if ((c < ' ' || c > '~') && c != '\t') {
                throw new IllegalArgumentException(String.format("decodes to the non-printable character U+%04X",
                        (int) c));
            }
        }
        return decoded;
    }
}
