package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.MessageData;
import fr.mssante.connector.api.imap.SearchKey;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.response.ImapResponse;
import fr.mssante.connector.imap.sort.OrderedSubjectThreads;

import java.util.ArrayList;
import java.util.List;

/**
 * THREAD and UID THREAD (RFC 5256 section 3): the listener searches, the engine threads the matching
 * messages the client knows, on the sent date and base subject that SORT computes
 * ({@link SortProcessor.Entry}).
 */
final class ThreadProcessor implements Processor<ImapRequest.Thread> {

    @Override
    public void process(ImapRequest.Thread request, ImapSession session) {
        if (!SearchProcessor.charsetSupported(request.charset(), session)) {
            return;
        }
        SelectedMailbox mailbox = session.selected();
        SearchKey criteria = new SearchResolver(mailbox).resolve(request.criteria());
        String user = session.user();
        session.call(listener -> {
            List<Long> uids = listener.search(user, mailbox.folder(), criteria);
            return uids.isEmpty() ? List.<MessageData>of()
                    : listener.fetch(user, mailbox.folder(), uids, SortProcessor.ITEMS);
        }, data -> {
            List<OrderedSubjectThreads.Message> messages = new ArrayList<>(data.size());
            for (MessageData message : data) {
                int msn = mailbox.sequenceNumber(message.uid());
                if (msn > 0) {
                    SortProcessor.Entry entry = SortProcessor.Entry.of(message);
                    messages.add(new OrderedSubjectThreads.Message(request.uid() ? message.uid() : msn,
                            entry.date(), entry.subject()));
                }
            }
            session.write(new ImapResponse.Thread(OrderedSubjectThreads.of(messages)));
            session.ok((request.uid() ? "UID THREAD" : "THREAD") + " completed");
        });
    }
}
