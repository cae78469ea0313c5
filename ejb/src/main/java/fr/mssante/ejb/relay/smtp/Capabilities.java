package fr.mssante.ejb.relay.smtp;

import java.util.Locale;

/**
 * The service extensions a peer advertised in its EHLO reply (RFC 5321 section 4.1.1.1), those the relay
 * uses: STARTTLS (RFC 3207), PIPELINING (RFC 2920), SIZE (RFC 1870), 8BITMIME (RFC 6152), DSN (RFC 3461),
 * ENHANCEDSTATUSCODES (RFC 2034), CHUNKING and BINARYMIME (RFC 3030), SMTPUTF8 (RFC 6531).
 *
 * @param maxSize SIZE's fixed maximum message size; 0 when SIZE was advertised without one (no limit
 *                declared, RFC 1870 section 4), -1 when SIZE was not advertised
 */
public record Capabilities(boolean startTls, boolean pipelining, long maxSize, boolean eightBitMime, boolean dsn,
                           boolean enhancedStatusCodes, boolean chunking, boolean binaryMime, boolean smtpUtf8) {

    /** Without the extensions of RFC 3030 and RFC 6531. */
    public Capabilities(boolean startTls, boolean pipelining, long maxSize, boolean eightBitMime, boolean dsn,
                        boolean enhancedStatusCodes) {
        this(startTls, pipelining, maxSize, eightBitMime, dsn, enhancedStatusCodes, false, false, false);
    }

    /** Reads the keyword lines of an EHLO reply; the first line is the greeting, not a keyword. */
    public static Capabilities of(PeerReply ehlo) {
        boolean startTls = false;
        boolean pipelining = false;
        long maxSize = -1;
        boolean eightBitMime = false;
        boolean dsn = false;
        boolean enhanced = false;
        boolean chunking = false;
        boolean binaryMime = false;
        boolean smtpUtf8 = false;
        for (String line : ehlo.lines().subList(1, ehlo.lines().size())) {
            String[] words = line.trim().split("\\s+");
            switch (words[0].toUpperCase(Locale.ROOT)) {
                case "STARTTLS" -> startTls = true;
                case "PIPELINING" -> pipelining = true;
                case "SIZE" -> maxSize = words.length > 1 ? parseSize(words[1]) : 0;
                case "8BITMIME" -> eightBitMime = true;
                case "DSN" -> dsn = true;
                case "ENHANCEDSTATUSCODES" -> enhanced = true;
                case "CHUNKING" -> chunking = true;
                case "BINARYMIME" -> binaryMime = true;
                case "SMTPUTF8" -> smtpUtf8 = true;
                default -> {
                    // an extension the relay does not use
                }
            }
        }
        return new Capabilities(startTls, pipelining, maxSize, eightBitMime, dsn, enhanced, chunking, binaryMime,
                smtpUtf8);
    }

    /** RFC 3030 section 3: BINARYMIME is only usable with CHUNKING (the content goes by BDAT). */
    public boolean acceptsBinary() {
        return chunking && binaryMime;
    }

    /** Whether the peer declared a size limit that {@code size} octets exceed (RFC 1870 section 6.1). */
    public boolean refusesSize(long size) {
        return maxSize > 0 && size > maxSize;
    }

    private static long parseSize(String value) {
        try {
            return Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException e) {
            return 0; // an unreadable limit is no declared limit: the peer still refuses at MAIL or DATA if needed
        }
    }
}
