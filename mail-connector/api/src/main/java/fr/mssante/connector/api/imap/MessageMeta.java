package fr.mssante.connector.api.imap;

import java.util.List;

/** UID, MODSEQ and flags (system flags with their backslash, and keywords) of one message. */
public record MessageMeta(long uid, long modseq, List<String> flags) {

    public MessageMeta {
        flags = List.copyOf(flags);
    }
}
