package fr.mssante.ejb.mailbox;

import java.util.List;
import java.util.Optional;

/**
 * A JSON merge patch (RFC 7396) of a mailbox, once read: a null component leaves the field as it is;
 * {@code displayName} may be cleared, hence the Optional (present-empty means "set to null").
 * Arrays are replaced as a whole (RFC 7396 section 2), so {@code owners} is the new list.
 */
public record MailboxPatch(Optional<String> displayName, Long quotaBytes, Boolean publishedInDirectory,
                           Boolean redList, List<String> owners) {

    public boolean isEmpty() {
        return displayName == null && quotaBytes == null && publishedInDirectory == null && redList == null
                && owners == null;
    }
}
