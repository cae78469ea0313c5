package fr.mssante.ejb.mailbox;

import java.time.OffsetDateTime;
import java.util.List;

/** One line of a folder listing. */
public record MessageSummary(long uid, String from, String subject, OffsetDateTime date,
                             OffsetDateTime internalDate, long size, List<String> flags, String messageId) {
}
