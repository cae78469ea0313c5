package fr.mssante.connector.api.imap;

/**
 * A folder as LIST shows it.
 *
 * @param name        full name, {@code /}-separated
 * @param specialUse  RFC 6154 attribute ({@code \Sent}, {@code \Drafts}, {@code \Trash}, {@code \Junk},
 *                    {@code \Archive}) or null
 * @param subscribed  for LSUB and LIST (SUBSCRIBED)
 */
public record FolderInfo(String name, String specialUse, boolean subscribed) {
}
