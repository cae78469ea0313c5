package fr.mssante.ejb.mailbox;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Appends a stored message to a folder with the next UID and MODSEQ. The folder row is locked for
 * the rest of the transaction, so concurrent appends to one folder are serialised and UIDs are
 * strictly increasing, never reused (RFC 3501 section 2.3.1.1); appends to different folders run
 * in parallel.
 */
@Stateless
public class FolderAppender {

    @PersistenceContext(unitName = "mssante")
    private EntityManager em;

    /**
     * @param intakeMessageId the accepted SMTP message this copy comes from, or null (APPEND, COPY)
     * @return the UID of the new message, or empty when this intake message is already in the folder
     *         (a redelivery: nothing is added)
     */
    public OptionalLong append(UUID folderId, String blobSha256, UUID intakeMessageId,
                               OffsetDateTime internalDate, long size, List<String> flags) {
        Object[] folder = (Object[]) em.createNativeQuery(
                        "SELECT uid_next, highest_modseq, tenant_id FROM folder WHERE id = ?1 FOR UPDATE")
                .setParameter(1, folderId)
                .getSingleResult();
        if (intakeMessageId != null && alreadyDelivered(folderId, intakeMessageId)) {
            return OptionalLong.empty();
        }
        long uid = ((Number) folder[0]).longValue();
        long modseq = ((Number) folder[1]).longValue() + 1;
        em.createNativeQuery("UPDATE folder SET uid_next = ?1, highest_modseq = ?2 WHERE id = ?3")
                .setParameter(1, uid + 1)
                .setParameter(2, modseq)
                .setParameter(3, folderId)
                .executeUpdate();
        em.createNativeQuery("INSERT INTO message (id, tenant_id, folder_id, uid, modseq, created_modseq, blob_sha256, "
                        + "intake_message_id, internal_date, rfc822_size, flags) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, CAST(?7 AS uuid), ?8, ?9, string_to_array(?10, ' '))")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, folder[2])
                .setParameter(3, folderId)
                .setParameter(4, uid)
                .setParameter(5, modseq)
                .setParameter(6, blobSha256)
                .setParameter(7, intakeMessageId == null ? null : intakeMessageId.toString())
                .setParameter(8, internalDate)
                .setParameter(9, size)
                .setParameter(10, String.join(" ", flags))
                .executeUpdate();
        return OptionalLong.of(uid);
    }

    private boolean alreadyDelivered(UUID folderId, UUID intakeMessageId) {
        return !em.createNativeQuery("SELECT 1 FROM message WHERE folder_id = ?1 AND intake_message_id = ?2")
                .setParameter(1, folderId)
                .setParameter(2, intakeMessageId)
                .getResultList().isEmpty();
    }
}
