package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.FetchItem;
import fr.mssante.connector.api.imap.MessageData;
import fr.mssante.connector.api.imap.SearchKey;
import fr.mssante.connector.api.imap.SortKeys;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.request.SearchTerm;
import fr.mssante.connector.imap.request.ImapRequest.SortCriterion;
import fr.mssante.connector.imap.response.ImapResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * SORT and UID SORT (RFC 5256 section 3): the listener searches, the engine sorts the matching messages
 * on the typed keys the store computed when it parsed each message ({@link SortKeys}: sent date, base
 * subject, first addr-mailboxes), their INTERNALDATE and RFC822.SIZE; nothing is parsed here. Strings compare
 * with the i;ascii-casemap collation (ASCII letters case-insensitive); ties keep sequence number order
 * (section 2.2).
 */
final class SortProcessor implements Processor<ImapRequest.Sort> {

    static final Set<FetchItem> ITEMS = Set.of(FetchItem.FLAGS, FetchItem.SORT_KEYS, FetchItem.INTERNALDATE,
            FetchItem.SIZE);

    /** The sort keys of one message, computed once; THREAD uses the sent date and base subject too. */
    record Entry(long uid, Instant arrival, Instant date, long size, String subject, String from, String to,
                         String cc) {

        static Entry of(MessageData data) {
            SortKeys keys = data.sortKeys();
            Instant arrival = data.internalDate() == null ? Instant.EPOCH : data.internalDate().toInstant();
            // RFC 5256 section 2.2: no (valid) Date field, the internal date is the sent date.
            Instant sent = keys.sentDate() == null ? arrival : keys.sentDate().toInstant();
            return new Entry(data.uid(), arrival, sent, data.size(), casemap(keys.baseSubject()),
                    casemap(keys.from()), casemap(keys.to()), casemap(keys.cc()));
        }

        /** i;ascii-casemap (RFC 4790 9.2): ASCII letters folded to upper case, nothing else. */
        private static String casemap(String text) {
            char[] chars = text.toCharArray();
            for (int i = 0; i < chars.length; i++) {
                if (chars[i] >= 'a' && chars[i] <= 'z') {
                    chars[i] -= 'a' - 'A';
                }
            }
            return new String(chars);
        }
    }

    /**
     * What SORT and THREAD share: the listener searches with the command's criteria and returns the sort keys
     * of the matches, which {@code then} gets on the session; with an unsupported charset the command is
     * answered NO [BADCHARSET] instead.
     */
    static void searchSortKeys(String charset, SearchTerm criteria, ImapSession session,
                               Consumer<List<MessageData>> then) {
        if (!SearchProcessor.charsetSupported(charset, session)) {
            return;
        }
        SelectedMailbox mailbox = session.selected();
        SearchKey key = new SearchResolver(mailbox).resolve(criteria);
        String user = session.user();
        session.call(listener -> {
            List<Long> uids = listener.search(user, mailbox.folder(), key);
            return uids.isEmpty() ? List.<MessageData>of() : listener.fetch(user, mailbox.folder(), uids, ITEMS);
        }, then);
    }

    @Override
    public void process(ImapRequest.Sort request, ImapSession session) {
        SelectedMailbox mailbox = session.selected();
        searchSortKeys(request.charset(), request.criteria(), session, data -> {
            List<Entry> entries = new ArrayList<>(data.size());
            data.forEach(message -> entries.add(Entry.of(message)));
            entries.sort(comparator(request.order()));
            List<Long> uids = new ArrayList<>(entries.size());
            entries.forEach(entry -> uids.add(entry.uid()));
            List<Long> numbers = new ArrayList<>(uids.size());
            for (long uid : uids) {
                int msn = mailbox.sequenceNumber(uid);
                if (msn > 0) {
                    numbers.add(request.uid() ? uid : msn);
                }
            }
            session.write(new ImapResponse.Numbers("SORT", numbers, -1));
            session.ok((request.uid() ? "UID SORT" : "SORT") + " completed");
        });
    }

    private static Comparator<Entry> comparator(List<SortCriterion> order) {
        Comparator<Entry> comparator = null;
        for (SortCriterion criterion : order) {
            Comparator<Entry> key = switch (criterion.key()) {
                case ARRIVAL -> Comparator.comparing(Entry::arrival);
                case DATE -> Comparator.comparing(Entry::date);
                case SIZE -> Comparator.comparingLong(Entry::size);
                case SUBJECT -> Comparator.comparing(Entry::subject);
                case FROM -> Comparator.comparing(Entry::from);
                case TO -> Comparator.comparing(Entry::to);
                case CC -> Comparator.comparing(Entry::cc);
            };
            if (criterion.reverse()) {
                key = key.reversed();
            }
            comparator = comparator == null ? key : comparator.thenComparing(key);
        }
        // Ascending UIDs are ascending sequence numbers: the final tie-breaker of RFC 5256 section 2.2.
        Comparator<Entry> bySequence = Comparator.comparingLong(Entry::uid);
        return comparator == null ? bySequence : comparator.thenComparing(bySequence);
    }
}
