package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.FolderStatus;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.request.ImapRequest.StatusItem;
import fr.mssante.connector.imap.response.ImapResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** STATUS (RFC 3501 6.3.10, HIGHESTMODSEQ of RFC 7162 3.1.7, SIZE of RFC 8438), items in request order. */
final class StatusProcessor implements Processor<ImapRequest.Status> {

    @Override
    public void process(ImapRequest.Status request, ImapSession session) {
        if (request.items().contains(StatusItem.HIGHESTMODSEQ)) {
            // A CONDSTORE enabling command (RFC 7162 section 3.1).
            session.enable("CONDSTORE");
        }
        String user = session.user();
        session.call(listener -> listener.status(user, request.mailbox()), status -> {
            session.write(new ImapResponse.StatusData(request.mailbox(), items(status, request.items())));
            session.ok("STATUS completed");
        });
    }

    /** The requested items with their values, in request order: of STATUS and of LIST-STATUS. */
    static Map<String, Long> items(FolderStatus status, List<StatusItem> requested) {
        Map<String, Long> items = new LinkedHashMap<>();
        for (StatusItem item : requested) {
            items.put(item.name(), value(status, item));
        }
        return items;
    }

    private static long value(FolderStatus status, StatusItem item) {
        return switch (item) {
            case MESSAGES -> status.messages();
            case RECENT -> status.recent();
            case UIDNEXT -> status.uidNext();
            case UIDVALIDITY -> status.uidValidity();
            case UNSEEN -> status.unseen();
            case HIGHESTMODSEQ -> status.highestModseq();
            case SIZE -> status.size();
        };
    }
}
