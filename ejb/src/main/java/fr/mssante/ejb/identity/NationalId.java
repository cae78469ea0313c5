package fr.mssante.ejb.identity;

import fr.mssante.ejb.tenant.InvalidFieldException;

import java.util.regex.Pattern;

/**
 * A professional's national identifier as Pro Santé Connect's SubjectNameID carries it (ANS, "Référentiel
 * des identifiants des professionnels"): {@code 8} + the 11-digit RPPS number, {@code 0} + the 9-digit
 * ADELI number, or, in the ANS test environments, a test identity ({@code ANS} + 14 digits, the form of
 * the test accounts of the Pro Santé Connect integration environment, e.g. {@code ANS20231122132732}).
 * Refused, never repaired: no trimming, no case folding. The one check of national ids, for owners,
 * delegates and API callers alike.
 */
public final class NationalId {

    private static final Pattern RPPS = Pattern.compile("8[0-9]{11}");
    private static final Pattern ADELI = Pattern.compile("0[0-9]{9}");
    private static final Pattern TEST_IDENTITY = Pattern.compile("ANS[0-9]{14}");

    private NationalId() {
    }

    /**
     * @return {@code raw}, when it is a national id
     * @throws InvalidFieldException naming {@code field} otherwise
     */
    public static String parse(String raw, String field) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidFieldException(field, "is required");
        }
        if (!RPPS.matcher(raw).matches() && !ADELI.matcher(raw).matches() && !TEST_IDENTITY.matcher(raw).matches()) {
            throw new InvalidFieldException(field, "a national id is 8 + an 11-digit RPPS number, 0 + a 9-digit ADELI number,"
                    + " or an ANS test identity (ANS + 14 digits)");
        }
        return raw;
    }
}
