package fr.mssante.ejb.mailbox;

/**
 * A mailbox to create.
 *
 * @param address         full address; its domain must be hosted
 * @param type            PER, ORG or APP
 * @param displayName     optional
 * @param ownerNationalId national id of the owner of a PER mailbox ("8"+RPPS, "0"+ADELI, or a test id)
 * @param quotaBytes      null for the platform default
 */
public record NewMailbox(String address, MailboxType type, String displayName, String ownerNationalId,
                         Long quotaBytes) {
}
