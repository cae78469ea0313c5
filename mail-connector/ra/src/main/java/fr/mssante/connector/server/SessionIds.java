package fr.mssante.connector.server;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Session identifiers: 12 characters of Crockford base32 (60 random bits), short enough for a
 * Received header and a log line, unique enough that two sessions of the same year never collide in
 * practice. They are not secrets.
 */
public final class SessionIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int LENGTH = 12;

    private SessionIds() {
    }

    public static String next() {
        long bits = ThreadLocalRandom.current().nextLong();
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[(int) (bits & 31)];
            bits >>>= 5;
        }
        return new String(id);
    }
}
