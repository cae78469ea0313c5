package fr.mssante.ejb.relay;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One message of the relay queue as an administrator sees it: the envelope for one destination domain and
 * where each recipient stands. Never content.
 *
 * @param id            the relay entry (one per accepted message and destination domain)
 * @param queueId       the queue id the message was accepted under (trace, audit, "250 queued as")
 * @param sender        the reverse-path, null for {@code <>} (a notification)
 * @param domain        the destination domain
 * @param status        the most actionable status of its recipients: QUEUED while one is, else FAILED,
 *                      EXPIRED, DELETED, SENT in this order
 * @param size          octets
 * @param receivedAt    when it was accepted
 * @param queuedAt      when it was put on the relay queue
 * @param ret           RFC 3461 RET of the original MAIL FROM, null when not given
 * @param envid         RFC 3461 ENVID, null when not given
 * @param nextAttemptAt the earliest next attempt of its queued recipients, null when none is queued
 * @param lastAttemptAt the latest attempt, null before the first
 * @param lastError     the latest reply or error of a recipient not yet sent, null when none
 * @param recipients    each recipient's state
 */
public record RelayQueueEntry(UUID id, String queueId, String sender, String domain, RelayRecipient.Status status,
                              long size, OffsetDateTime receivedAt, OffsetDateTime queuedAt, String ret, String envid,
                              OffsetDateTime nextAttemptAt, OffsetDateTime lastAttemptAt, String lastError,
                              List<Recipient> recipients) {

    /** Most actionable first: what an administrator must look at. */
    private static final List<RelayRecipient.Status> PRECEDENCE = List.of(RelayRecipient.Status.QUEUED,
            RelayRecipient.Status.FAILED, RelayRecipient.Status.EXPIRED, RelayRecipient.Status.DELETED,
            RelayRecipient.Status.SENT);

    /**
     * One recipient: its attempts, last reply and next attempt.
     *
     * @param orcpt         RFC 3461 ORCPT ({@code addr-type;address}), null when not given
     * @param notifyOn      RFC 3461 NOTIFY keywords, empty when not given (failure and delay notices)
     * @param lastReplyCode the peer's reply code, null when the last attempt got no reply (network, TLS, DNS)
     * @param lastReply     the peer's reply, or what went wrong before any reply
     */
    public record Recipient(String address, String orcpt, List<String> notifyOn, RelayRecipient.Status status, int attempts,
                            OffsetDateTime lastAttemptAt, OffsetDateTime nextAttemptAt, Integer lastReplyCode,
                            String lastReply, String remoteMta, boolean delayNoticeSent, OffsetDateTime finishedAt) {

        static Recipient of(RelayRecipient r) {
            return new Recipient(r.getAddress(), r.getOrcpt(), r.notifyOn().stream().map(Enum::name).sorted().toList(),
                    r.getStatus(), r.getAttempts(),
                    r.getLastAttemptAt(), r.getNextAttemptAt(), r.getLastReplyCode(), r.getLastReply(),
                    r.getRemoteMta(), r.isDelayNoticeSent(), r.getFinishedAt());
        }
    }

    static RelayQueueEntry of(RelayMessage m, List<RelayRecipient> rows) {
        List<Recipient> recipients = rows.stream().map(Recipient::of).toList();
        RelayRecipient.Status status = PRECEDENCE.stream()
                .filter(s -> recipients.stream().anyMatch(r -> r.status() == s)).findFirst()
                .orElse(RelayRecipient.Status.SENT);
        OffsetDateTime next = recipients.stream().map(Recipient::nextAttemptAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        OffsetDateTime last = recipients.stream().map(Recipient::lastAttemptAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        String lastError = recipients.stream()
                .filter(r -> r.status() != RelayRecipient.Status.SENT && r.lastReply() != null)
                .max(Comparator.comparing(Recipient::lastAttemptAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(Recipient::lastReply).orElse(null);
        return new RelayQueueEntry(m.getId(), m.getQueueId(), m.getReversePath(), m.getDomain(), status, m.getSize(),
                m.getReceivedAt(), m.getCreatedAt(), m.getDsnRet(), m.getDsnEnvid(), next, last, lastError, recipients);
    }
}
