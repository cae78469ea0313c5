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
    /** Precomputed BODY and BODYSTRUCTURE. */
    STRUCTURE,
    /**
     * The part table ({@link MessageData#parts()}): where each MIME part starts and ends, for the
     * {@code BODY[<part>]} sections only. Apart from STRUCTURE because it is the one costly item to
     * produce (ADR 0035): FETCH 1:* BODYSTRUCTURE needs none of it.
     */
    PARTS,
    /** The typed SORT and THREAD keys computed when the content was parsed ({@link SortKeys}). */
    SORT_KEYS,
    /** The raw message bytes (BODY[...], RFC822...). */
    CONTENT,
    /** Mark \Seen as a side effect (BODY[...] without PEEK on a read-write selection, RFC 3501 6.4.5). */
    SET_SEEN
}
