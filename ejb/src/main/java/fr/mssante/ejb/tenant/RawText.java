package fr.mssante.ejb.tenant;

/** Checks shared by every identifier that arrives in a request, before it is parsed. */
final class RawText {

    private RawText() {
    }

    /**
     * Refuses whitespace, control and invisible format characters anywhere (not only at the ends), with
     * the position, so that the caller sees what is wrong with a value that looks right.
     */
    static void refuseSpacesAndControls(String raw, String field) {
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT) {
                throw new InvalidFieldException(field, String.format(
                        "contains a space, control or invisible character (U+%04X at position %d)", c, i + 1));
            }
            i += Character.charCount(c);
        }
    }
}
