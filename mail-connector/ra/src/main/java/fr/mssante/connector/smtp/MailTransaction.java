package fr.mssante.connector.smtp;

import fr.mssante.connector.api.smtp.DsnParameters;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.RecipientDsn;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import fr.mssante.connector.server.MessageSpool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The buffers of one mail transaction (RFC 5321 section 3.3): reverse-path, accepted forward-paths, and
 * the RFC 3461 parameters of both, and the content received so far by BDAT (RFC 3030), which spans several
 * commands. A refused RCPT leaves nothing behind; RSET, a new EHLO, TLS, the end of data or of the last chunk
 * and the loss of the connection drop the whole transaction: {@link #discard()}.
 */
final class MailTransaction {

    private final SmtpCommand.Mail mail;
    private final List<MailAddress> recipients = new ArrayList<>();
    /** NOTIFY/ORCPT of the accepted recipients that gave any, by {@link MailAddress#address()}. */
    private final Map<String, RecipientDsn> recipientDsn = new HashMap<>();
    /** The BDAT content, from the first chunk on; null while no BDAT was received. */
    private MessageSpool chunks;
    /** Octets announced by the BDAT commands so far, for SIZE (RFC 1870) across chunks. */
    private long chunkedSize;

    MailTransaction(SmtpCommand.Mail mail) {
        this.mail = mail;
    }

    SmtpCommand.Mail mail() {
        return mail;
    }

    /** Whether content has started to arrive by BDAT, after which DATA is refused (RFC 3030 section 2). */
    boolean chunked() {
        return chunks != null;
    }

    /**
     * Counts the next chunk against the maximum message size (RFC 1870 applies to the whole message, whatever
     * the number of chunks).
     *
     * @return false, counting nothing, when the message would exceed {@code maxSize}
     */
    boolean countChunk(long size, long maxSize) {
        if (size > maxSize - chunkedSize) {
            return false;
        }
        chunkedSize += size;
        return true;
    }

    /** Where the chunks go, created at the first one. */
    MessageSpool chunkSpool(Supplier<MessageSpool> newSpool) {
        if (chunks == null) {
            chunks = newSpool.get();
        }
        return chunks;
    }

    /**
     * Hands the BDAT content over to whoever delivers it (who discards it afterwards); the transaction no
     * longer owns it.
     */
    MessageSpool takeChunks() {
        MessageSpool taken = chunks;
        chunks = null;
        return taken;
    }

    /** Frees the BDAT content, if any: the transaction is over without delivery. Idempotent. */
    void discard() {
        if (chunks != null) {
            chunks.discard();
            chunks = null;
        }
    }

    int recipientCount() {
        return recipients.size();
    }

    /**
     * A recipient given twice is kept once, with the DSN parameters of its first acceptance: the application
     * must not store the message twice for it, nor notify twice.
     */
    void addRecipient(MailAddress recipient, RecipientDsn dsn) {
        if (!recipients.contains(recipient)) {
            recipients.add(recipient);
            if (!dsn.equals(RecipientDsn.NONE)) {
                recipientDsn.put(recipient.address(), dsn);
            }
        }
    }

    SmtpEnvelope envelope(SmtpSessionInfo session) {
        DsnParameters dsn = mail.ret().isEmpty() && mail.envid().isEmpty() && recipientDsn.isEmpty()
                ? DsnParameters.NONE
                : new DsnParameters(mail.ret(), mail.envid(), recipientDsn);
        return new SmtpEnvelope(session, mail.reversePath(), recipients, mail.bodyType(), mail.declaredSize(), dsn,
                mail.smtpUtf8());
    }
}
