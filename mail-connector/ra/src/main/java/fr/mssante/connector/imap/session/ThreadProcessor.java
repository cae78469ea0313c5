package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.FetchItem;
import fr.mssante.connector.api.imap.MessageData;
import fr.mssante.connector.api.imap.SearchKey;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.request.ImapRequest.ThreadAlgorithm;
import fr.mssante.connector.imap.response.ImapResponse;
import fr.mssante.connector.imap.sort.BaseSubject;
import fr.mssante.connector.imap.sort.EnvelopeFields;
import fr.mssante.connector.imap.sort.MessageIds;
import fr.mssante.connector.imap.sort.OrderedSubjectThreads;
import fr.mssante.connector.imap.sort.ReferencesThreads;
import fr.mssante.connector.imap.sort.ThreadNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * THREAD and UID THREAD (RFC 5256 section 3): the listener searches, the engine threads the matching
 * messages the client knows, on the sent date and base subject that SORT computes
 * ({@link SortProcessor.Entry}). REFERENCES also needs the References field, read from the message
 * header: the store has no header-only fetch, so the messages are fetched whole.
 */
final class ThreadProcessor implements Processor<ImapRequest.Thread> {

    private static final Set<FetchItem> REFERENCES_ITEMS = with(SortProcessor.ITEMS, FetchItem.CONTENT);

    @Override
    public void process(ImapRequest.Thread request, ImapSession session) {
        if (!SearchProcessor.charsetSupported(request.charset(), session)) {
            return;
        }
        SelectedMailbox mailbox = session.selected();
        SearchKey criteria = new SearchResolver(mailbox).resolve(request.criteria());
        Set<FetchItem> items = request.algorithm() == ThreadAlgorithm.REFERENCES ? REFERENCES_ITEMS : SortProcessor.ITEMS;
        String user = session.user();
        session.call(listener -> {
            List<Long> uids = listener.search(user, mailbox.folder(), criteria);
            return uids.isEmpty() ? List.<MessageData>of() : listener.fetch(user, mailbox.folder(), uids, items);
        }, data -> {
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
            EnvelopeFields envelope = EnvelopeFields.parse(message.envelope());
            List<String> ids = MessageIds.of(envelope.messageId());
            messages.add(new ReferencesThreads.Message(number(request, message, mailbox), entry.date(),
                    entry.subject(), BaseSubject.isReplyOrForward(envelope.subject()),
                    ids.isEmpty() ? null : ids.get(0), references(message, envelope)));
        }
        return ReferencesThreads.of(messages);
    }

    /** RFC 5256 section 3 step 1.A: the References ids or, when there are none, the first In-Reply-To id. */
    private static List<String> references(MessageData message, EnvelopeFields envelope) {
        byte[] content = message.content();
        if (content != null) {
            byte[] field = HeaderFieldFilter.filter(content, 0, content.length, List.of("References"), false);
            List<String> references = MessageIds.of(new String(field, StandardCharsets.ISO_8859_1));
            if (!references.isEmpty()) {
                return references;
            }
        }
        List<String> inReplyTo = MessageIds.of(envelope.inReplyTo());
        return inReplyTo.isEmpty() ? List.of() : List.of(inReplyTo.get(0));
    }

    private static long number(ImapRequest.Thread request, MessageData message, SelectedMailbox mailbox) {
        return request.uid() ? message.uid() : mailbox.sequenceNumber(message.uid());
    }

    private static Set<FetchItem> with(Set<FetchItem> items, FetchItem item) {
        Set<FetchItem> all = EnumSet.copyOf(items);
        all.add(item);
        return Set.copyOf(all);
    }
}
