package fr.mssante.ejb.delivery;

import fr.mssante.ejb.intake.IntakeMessage;
import fr.mssante.ejb.mailbox.MessageContent;
import fr.mssante.ejb.tenant.TenantScope;

import java.util.UUID;

/**
 * Where one local recipient's copy of an accepted message goes: the INBOX of the recipient's mailbox,
 * resolved before any folder is locked so that a batch can lock its folders in one global order
 * ({@link DeliveryService}).
 *
 * @param scope    the recipient's establishment, in which the copy is written (ADR 0011)
 * @param mailbox  the mailbox address, the user of the folder-changed event
 */
record InboxPlacement(IntakeMessage intake, MessageContent content, String recipient, TenantScope scope,
                      UUID tenantId, String mailbox, UUID folderId) {
}
