package fr.mssante.ejb.mailbox;

import jakarta.json.bind.annotation.JsonbCreator;

import java.util.List;

/**
 * A mailbox to create (body of {@code POST /api/v1/mailboxes}).
 *
 * @param address              full address; its domain must be hosted
 * @param type                 PER, ORG or APP
 * @param displayName          optional
 * @param ownerNationalId      PER only, required: the owner's {@link NationalId}
 * @param owners               ORG only, optional: national ids of the professionals who own it
 * @param quotaBytes           null for the platform default
 * @param publishedInDirectory null for true
 * @param redList              null for false
 */
public record NewMailbox(String address, MailboxType type, String displayName, String ownerNationalId,
                         List<String> owners, Long quotaBytes, Boolean publishedInDirectory, Boolean redList) {

    /** The constructor JSON-B binds request bodies with (a record with two constructors needs telling). */
    @JsonbCreator
    public NewMailbox {
    }

    /** The fields the platform's own code sets (demo data, in-container tests). */
    public NewMailbox(String address, MailboxType type, String displayName, String ownerNationalId, Long quotaBytes) {
        this(address, type, displayName, ownerNationalId, null, quotaBytes, null, null);
    }
}
