package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.MessageData;
import fr.mssante.connector.api.imap.SortKeys;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.request.ImapRequest.ThreadAlgorithm;
import fr.mssante.connector.imap.response.ImapResponse;
import fr.mssante.connector.imap.sort.OrderedSubjectThreads;
import fr.mssante.connector.imap.sort.ReferencesThreads;
import fr.mssante.connector.imap.sort.ThreadNode;

import java.util.ArrayList;
import java.util.List;

/**
 * THREAD and UID THREAD (RFC 5256 section 3): the listener searches, the engine threads the matching
 * messages the client knows, on the sent date and base subject that SORT uses
 * ({@link SortProcessor.Entry}); REFERENCES also on the Message-ID and parent ids the store keeps with them
 * ({@link SortKeys}), so both algorithms read the same stored keys as SORT and no message is fetched whole.
 */
final class ThreadProcessor implements Processor<ImapRequest.Thread> {

    @Override
    public void process(ImapRequest.Thread request, ImapSession session) {
        SelectedMailbox mailbox = session.selected();
        SortProcessor.searchSortKeys(request.charset(), request.criteria(), session, data -> {
            List<MessageData> known = new ArrayList<>(data.size());
            data.forEach(message -> {
                if (mailbox.sequenceNumber(message.uid()) > 0) {
                    known.add(message);
                }
            });
            session.write(new ImapResponse.Thread(threads(request, known, mailbox)));
            session.ok((request.uid() ? "UID THREAD" : "THREAD") + " completed");
        });
    }

    private static List<ThreadNode> threads(ImapRequest.Thread request, List<MessageData> data, SelectedMailbox mailbox) {
        if (request.algorithm() == ThreadAlgorithm.ORDEREDSUBJECT) {
            List<OrderedSubjectThreads.Message> messages = new ArrayList<>(data.size());
            for (MessageData message : data) {
                SortProcessor.Entry entry = SortProcessor.Entry.of(message);
                messages.add(new OrderedSubjectThreads.Message(number(request, message, mailbox), entry.date(),
                        entry.subject()));
            }
            return OrderedSubjectThreads.of(messages);
        }
        List<ReferencesThreads.Message> messages = new ArrayList<>(data.size());
        for (MessageData message : data) {
            SortProcessor.Entry entry = SortProcessor.Entry.of(message);
            SortKeys keys = message.sortKeys();
            messages.add(new ReferencesThreads.Message(number(request, message, mailbox), entry.date(),
                    entry.subject(), keys.replyOrForward(), keys.messageId(), keys.references()));
        }
        return ReferencesThreads.of(messages);
    }

    private static long number(ImapRequest.Thread request, MessageData message, SelectedMailbox mailbox) {
        return request.uid() ? message.uid() : mailbox.sequenceNumber(message.uid());
    }
}
