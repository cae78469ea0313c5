package fr.mssante.connector.api.imap;

/**
 * A name as LIST shows it: a folder, or a subscribed name whose folder no longer exists (RFC 3501 6.3.6:
 * the server must not drop a name from the subscription list on its own; RFC 5258 section 3 lists it
 * {@code \NonExistent} under {@code LIST (SUBSCRIBED)}).
 *
 * @param name        full name, {@code /}-separated
 * @param specialUse  RFC 6154 attribute ({@code \Sent}, {@code \Drafts}, {@code \Trash}, {@code \Junk},
 *                    {@code \Archive}) or null
 * @param subscribed  for LSUB and LIST (SUBSCRIBED)
 * @param exists      false for a subscribed name without a folder
 */
public record FolderInfo(String name, String specialUse, boolean subscribed, boolean exists) {

    /** An existing folder. */
    public FolderInfo(String name, String specialUse, boolean subscribed) {
        this(name, specialUse, subscribed, true);
    }

    /** A subscribed name whose folder was deleted (or never created here). */
    public static FolderInfo subscribedOnly(String name) {
        return new FolderInfo(name, null, true, false);
    }
}
