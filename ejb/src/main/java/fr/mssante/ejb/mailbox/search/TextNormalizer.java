package fr.mssante.ejb.mailbox.search;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Brings needle and haystack to one form so that a plain {@code contains} is the "case-insensitive
 * substring" match RFC 3501 6.4.4 asks for.
 *
 * <p>Lower-casing uses {@link Locale#ROOT} so the result does not depend on the server's locale (a Turkish
 * default locale would otherwise map "I" to a dotless i). NFC is applied last so a decomposed "e" + U+0301
 * (as some clients and encoders send) equals the precomposed "é". Accents are kept: "e" does not match
 * "é", which is what a French user typing the accent expects.
 */
final class TextNormalizer {

    private TextNormalizer() {
    }

    /** Lower-cased (root locale) then NFC-composed text; {@code null} becomes empty. */
    static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        // isNormalized is a cheap check; most text (ASCII, precomposed Latin-1) is already NFC.
        return Normalizer.isNormalized(lower, Normalizer.Form.NFC)
                ? lower
                : Normalizer.normalize(lower, Normalizer.Form.NFC);
    }
}
