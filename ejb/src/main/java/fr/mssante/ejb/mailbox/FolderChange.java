package fr.mssante.ejb.mailbox;

import java.util.UUID;

/** "This folder of this user changed", as announced on the {@code MailboxEvents} topic ({@link FolderEvents}). */
public record FolderChange(String user, UUID folderId) {
}
