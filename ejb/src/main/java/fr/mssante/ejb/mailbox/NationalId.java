package fr.mssante.ejb.mailbox;

import fr.mssante.ejb.tenant.InvalidFieldException;

import java.util.regex.Pattern;

/**
 * The national identifier of a health professional as Pro Santé Connect names them (its
 * SubjectNameID, the {@code rpps} claim of our tokens): {@code 8} + the 11-digit RPPS number,
 * {@code 0} + the 9-digit ADELI number, or an ANS test identity ({@code ANS} + 14 digits, the form
 * of the test accounts of the Pro Santé Connect integration environment, e.g. ANS20231122132732).
 */
public final class NationalId {

    private static final Pattern FORMAT = Pattern.compile("8[0-9]{11}|0[0-9]{9}|ANS[0-9]{14}");

    private NationalId() {
    }

    /** @throws InvalidFieldException naming {@code field} when the value is not a national id */
    public static String parse(String raw, String field) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidFieldException(field, "a national id is required");
        }
        if (!FORMAT.matcher(raw).matches()) {
            throw new InvalidFieldException(field, "a national id is 8 + the 11-digit RPPS, 0 + the 9-digit ADELI"
                    + " or an ANS test id (ANS + 14 digits)");
        }
        return raw;
    }
}
