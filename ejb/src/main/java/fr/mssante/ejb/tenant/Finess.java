package fr.mssante.ejb.tenant;

/**
 * A FINESS number (Fichier national des établissements sanitaires et sociaux): nine digits, the last
 * a check key computed with the Luhn algorithm (ISO/IEC 7812-1 annex B) over the first eight, so the
 * nine digits together pass the Luhn check.
 *
 * <p>Enforced when an establishment is created through the API. Establishments created otherwise
 * (the demo data's 750000001, a fictitious number that fails the key) are looked up as they are.
 */
public final class Finess {

    public static final int LENGTH = 9;

    private Finess() {
    }

    /**
     * @throws InvalidFieldException naming {@code field} when the value is not nine digits with a valid key
     */
    public static String parse(String raw, String field) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidFieldException(field, "a FINESS number is required");
        }
        if (raw.length() != LENGTH || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidFieldException(field, "a FINESS number is " + LENGTH + " digits");
        }
        if (!luhnValid(raw)) {
            throw new InvalidFieldException(field, "the check key (last digit) of " + raw + " is wrong");
        }
        return raw;
    }

    /** Luhn: from the right, every second digit doubled (minus 9 above 9); the sum is a multiple of 10. */
    static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
