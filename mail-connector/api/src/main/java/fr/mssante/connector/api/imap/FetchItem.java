package fr.mssante.connector.api.imap;

/** What a FETCH needs from the store; the engine derives the set from the FETCH attributes. */
public enum FetchItem {
    /** Flags and MODSEQ (always cheap). */
    FLAGS,
    INTERNALDATE,
    /** RFC822.SIZE */
    SIZE,
    /** Precomputed ENVELOPE. */
    ENVELOPE,
    /** Precomputed BODY and BODYSTRUCTURE, plus the part table. */
    STRUCTURE,
    /** The typed SORT and THREAD keys computed when the content was parsed ({@link SortKeys}). */
    SORT_KEYS,
    /** The raw message bytes (BODY[...], RFC822...). */
    CONTENT,
    /** Mark \Seen as a side effect (BODY[...] without PEEK on a read-write selection, RFC 3501 6.4.5). */
    SET_SEEN
}
