package fr.mssante.ejb.intake;

import java.security.SecureRandom;

/** Short, unguessable ids for accepted messages, shown in "250 queued as" and in logs. */
final class QueueIds {

    private static final char[] ALPHABET = "0123456789BCDFGHJKLMNPQRSTVWXZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private QueueIds() {
    }

    static String next() {
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
