package fr.mssante.connector.api.imap;

/**
 * A selected folder: its stable id and the UIDVALIDITY the session saw. A call with a stale
 * UIDVALIDITY (folder deleted and recreated meanwhile) fails with {@code NONEXISTENT}.
 */
public record FolderRef(String id, String name, long uidValidity) {
}
