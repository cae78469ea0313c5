package fr.mssante.ejb.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a downloaded whitelist and its check against the digest the publisher puts beside it.
 * The published file is what {@code sha256sum} writes ({@code <hex>  <file name>}, or {@code <hex> *<file
 * name>} in binary mode) or the bare hex digest, in either case.
 */
public final class WhitelistDigest {

    /** 64 hex digits at the start of the file, then the end or a space (the file name follows). */
    private static final Pattern PUBLISHED = Pattern.compile("\\A\\s*([0-9A-Fa-f]{64})(?:\\s.*)?\\z", Pattern.DOTALL);

    private WhitelistDigest() {
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    /**
     * The lower-case hex digest a published digest file declares.
     *
     * @throws WhitelistRejectedException when the file holds no SHA-256 digest
     */
    public static String published(byte[] digestFile) throws WhitelistRejectedException {
        String text = new String(digestFile, StandardCharsets.US_ASCII);
        Matcher m = PUBLISHED.matcher(text);
        if (!m.matches()) {
            throw new WhitelistRejectedException("the published digest file holds no SHA-256 digest (expected 64 hex digits, "
                    + "optionally followed by the file name)");
        }
        return m.group(1).toLowerCase(Locale.ROOT);
    }

    /**
     * Checks {@code document} against the published digest file.
     *
     * @return the document's digest
     * @throws WhitelistRejectedException when they differ or the digest file says nothing usable
     */
    public static String verify(byte[] document, byte[] digestFile) throws WhitelistRejectedException {
        String expected = published(digestFile);
        String actual = sha256(document);
        // Not a secret: no need for a constant-time comparison.
        if (!expected.equals(actual)) {
            throw new WhitelistRejectedException("SHA-256 mismatch: the published digest is " + expected
                    + ", the downloaded file's is " + actual + " (" + document.length + " bytes)");
        }
        return actual;
    }
}
