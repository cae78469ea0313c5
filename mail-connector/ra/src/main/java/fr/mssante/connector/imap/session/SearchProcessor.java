package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.FetchItem;
import fr.mssante.connector.api.imap.MessageData;
import fr.mssante.connector.api.imap.SearchKey;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.request.SearchTerm;
import fr.mssante.connector.imap.response.ImapResponse;
import fr.mssante.connector.imap.response.ImapResponse.Code;
import fr.mssante.connector.imap.response.ImapResponse.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SEARCH and UID SEARCH (RFC 3501 6.4.4), with the MODSEQ criterion of RFC 7162 3.1.5, after which the
 * response ends with the highest MODSEQ of the messages found. Only UTF-8 and its US-ASCII subset are
 * accepted as charsets; anything else is {@code NO [BADCHARSET (UTF-8 US-ASCII)]}.
 */
final class SearchProcessor implements Processor<ImapRequest.Search> {

    static final List<String> CHARSETS = List.of("UTF-8", "US-ASCII");

    @Override
    public void process(ImapRequest.Search request, ImapSession session) {
        if (!charsetSupported(request.charset(), session)) {
            return;
        }
        boolean modseq = SearchTerm.hasModseq(request.criteria());
        if (modseq) {
            session.enable("CONDSTORE");
        }
        SelectedMailbox mailbox = session.selected();
        SearchKey criteria = new SearchResolver(mailbox).resolve(request.criteria());
        String user = session.user();
        session.call(listener -> {
            List<Long> uids = listener.search(user, mailbox.folder(), criteria);
            long highest = -1;
            if (modseq && !uids.isEmpty()) {
                for (MessageData data : listener.fetch(user, mailbox.folder(), uids, Set.of(FetchItem.FLAGS))) {
                    highest = Math.max(highest, data.modseq());
                }
            }
            return new Found(uids, highest);
        }, found -> {
            session.write(new ImapResponse.Numbers("SEARCH", numbers(found.uids(), request.uid(), mailbox), found.modseq()));
            session.ok((request.uid() ? "UID SEARCH" : "SEARCH") + " completed");
        });
    }

    private record Found(List<Long> uids, long modseq) {
    }

    /** Refuses an unknown charset (RFC 3501 6.4.4); true when the search may go on. */
    static boolean charsetSupported(String charset, ImapSession session) {
        if (charset == null || CHARSETS.contains(charset.toUpperCase(Locale.ROOT))) {
            return true;
        }
        session.complete(Status.NO, Code.of("BADCHARSET", "(" + String.join(" ", CHARSETS) + ")"),
                "Unsupported charset");
        return false;
    }

    /** UIDs, or the sequence numbers of the UIDs the client knows, ascending. */
    static List<Long> numbers(List<Long> uids, boolean uid, SelectedMailbox mailbox) {
        List<Long> numbers = new ArrayList<>(uids.size());
        for (long u : uids) {
            int msn = mailbox.sequenceNumber(u);
            if (msn > 0) {
                numbers.add(uid ? u : msn);
            }
        }
        return numbers;
    }
}
