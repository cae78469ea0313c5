package fr.mssante.ejb.mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON merge patch (RFC 7396) of a mailbox, once read: a null component leaves the field as it is;
 * {@code displayName} may be cleared, hence the Optional (present-empty means "set to null").
 * Arrays are replaced as a whole (RFC 7396 section 2), so {@code owners} is the new list.
 */
public record MailboxPatch(Optional<String> displayName, Long quotaBytes, Boolean publishedInDirectory,
                           Boolean redList, List<String> owners) {

    /** The names of the fields it changes, for the audit trail (values may be personal data). */
    public String fields() {
        List<String> names = new ArrayList<>();
        if (displayName != null) {
            names.add("displayName");
        }
        if (quotaBytes != null) {
            names.add("quotaBytes");
        }
        if (publishedInDirectory != null) {
            names.add("publishedInDirectory");
        }
        if (redList != null) {
            names.add("redList");
        }
        if (owners != null) {
            names.add("owners");
        }
        return String.join(",", names);
    }

    public boolean isEmpty() {
        return displayName == null && quotaBytes == null && publishedInDirectory == null && redList == null
                && owners == null;
    }
}
