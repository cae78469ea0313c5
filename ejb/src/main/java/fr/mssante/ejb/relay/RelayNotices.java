package fr.mssante.ejb.relay;

import fr.mssante.ejb.dsn.DeliveryReport;
import fr.mssante.ejb.dsn.DeliveryStatusNotifier;
import fr.mssante.ejb.dsn.RecipientStatus;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.util.List;

/**
 * The delivery status notifications of the relay (RFC 3464 reports through {@link DeliveryStatusNotifier},
 * which keeps only the recipients whose NOTIFY asks for that kind, {@link RecipientStatus#wanted()}): failed, delayed, or relayed to a peer
 * that does not advertise DSN (RFC 3461 section 6.2.1, action "relayed"). Never about a message with the null
 * reverse-path: there is nobody to tell, and a notice about a notice could loop (RFC 3461 section 6.2).
 */
@Stateless
public class RelayNotices {

    @EJB
    private DeliveryStatusNotifier notifier;

    public void send(RelayMessage message, List<RecipientStatus> recipients) {
        if (recipients.isEmpty() || message.getReversePath() == null) {
            return;
        }
        notifier.send(new DeliveryReport(message.getQueueId(), message.getDsnEnvid(), "FULL".equals(message.getDsnRet()),
                message.getReversePath(), message.getBlobSha256(), message.getReceivedAt(), recipients));
    }
}
