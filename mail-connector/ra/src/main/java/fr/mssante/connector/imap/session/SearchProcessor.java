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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SEARCH and UID SEARCH (RFC 3501 6.4.4), with the MODSEQ criterion of RFC 7162 3.1.5, after which the
 * response ends with the highest MODSEQ of the messages found, and the RETURN options of ESEARCH
 * (RFC 4731), answered by {@link ESearchResult}. Only UTF-8 and its US-ASCII subset are accepted as
 * charsets; anything else is {@code NO [BADCHARSET (UTF-8 US-ASCII)]}.
 */
final class SearchProcessor implements Processor<ImapRequest.Search> {

    static final List<String> CHARSETS = List.of("UTF-8", "US-ASCII");

    @Override
    public void process(ImapRequest.Search request, ImapSession session) {
        if (request.charset() != null && session.utf8Accepted()) {
            // RFC 6855 section 3: after ENABLE UTF8=ACCEPT search strings are UTF-8; a CHARSET conflicts.
            session.bad("SEARCH CHARSET is not allowed once UTF8=ACCEPT is enabled");
            return;
        }
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
            Map<Long, Long> modseqs = new HashMap<>();
            if (modseq && !uids.isEmpty()) {
                for (MessageData data : listener.fetch(user, mailbox.folder(), uids, Set.of(FetchItem.FLAGS))) {
                    modseqs.put(data.uid(), data.modseq());
                }
            }
            return new Found(uids, modseqs);
        }, found -> {
            if (request.returns() != null) {
                session.write(ESearchResult.of(request, matches(found, mailbox, request.uid()), modseq));
            } else {
                long highest = modseq ? found.modseqs().values().stream().mapToLong(Long::longValue).max().orElse(-1) : -1;
                session.write(new ImapResponse.Numbers("SEARCH", numbers(found.uids(), request.uid(), mailbox), highest));
            }
            session.ok((request.uid() ? "UID SEARCH" : "SEARCH") + " completed");
        });
    }

    private record Found(List<Long> uids, Map<Long, Long> modseqs) {
    }

    /** The messages found that the client knows, as numbers it uses, ascending, with their MODSEQ (or -1). */
    private static List<ESearchResult.Match> matches(Found found, SelectedMailbox mailbox, boolean uid) {
        List<ESearchResult.Match> matches = new ArrayList<>(found.uids().size());
        for (long u : found.uids()) {
            int msn = mailbox.sequenceNumber(u);
            if (msn > 0) {
                matches.add(new ESearchResult.Match(uid ? u : msn, found.modseqs().getOrDefault(u, -1L)));
            }
        }
        matches.sort((a, b) -> Long.compare(a.number(), b.number()));
        return matches;
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
