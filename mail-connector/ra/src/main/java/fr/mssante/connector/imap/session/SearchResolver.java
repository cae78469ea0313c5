package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.SearchKey;
import fr.mssante.connector.imap.request.SearchTerm;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns parsed SEARCH criteria into the listener's {@link SearchKey}: message sequence sets become UID
 * sets through the session's map, {@code *} becomes the largest UID or sequence number the client
 * knows, and RECENT / NEW / OLD become sets of the UIDs this session reports as \Recent
 * (RFC 3501 6.4.4: NEW is RECENT UNSEEN, OLD is NOT RECENT).
 */
final class SearchResolver {

    private final SelectedMailbox mailbox;

    SearchResolver(SelectedMailbox mailbox) {
        this.mailbox = mailbox;
    }

    SearchKey resolve(SearchTerm term) {
        if (term instanceof SearchTerm.Key key) {
            return key.key();
        }
        if (term instanceof SearchTerm.And and) {
            List<SearchKey> keys = new ArrayList<>();
            and.terms().forEach(t -> keys.add(resolve(t)));
            return new SearchKey.And(keys);
        }
        if (term instanceof SearchTerm.Or or) {
            return new SearchKey.Or(resolve(or.left()), resolve(or.right()));
        }
        if (term instanceof SearchTerm.Not not) {
            return new SearchKey.Not(resolve(not.term()));
        }
        if (term instanceof SearchTerm.Sequence sequence) {
            return sequence.uid() ? new SearchKey.Uids(sequence.set().resolve(mailbox.lastUid())) : sequenceNumbers(sequence);
        }
        SearchKey recent = recent();
        return switch (((SearchTerm.Recent) term).kind()) {
            case RECENT -> recent;
            case NEW -> new SearchKey.And(List.of(recent, new SearchKey.Flag(Flags.SEEN, false)));
            case OLD -> new SearchKey.Not(recent);
        };
    }

    /**
     * Sequence numbers beyond the mailbox size match nothing. A range of sequence numbers is the range of
     * the UIDs at its ends: the map holds every UID up to the last one the client knows.
     */
    private SearchKey sequenceNumbers(SearchTerm.Sequence sequence) {
        List<long[]> ranges = new ArrayList<>();
        int count = mailbox.count();
        for (long[] range : sequence.set().resolve(count)) {
            long low = Math.max(1, range[0]);
            long high = Math.min(count, range[1]);
            if (low <= high) {
                ranges.add(new long[] {mailbox.uidAt((int) low), mailbox.uidAt((int) high)});
            }
        }
        return new SearchKey.Uids(ranges);
    }

    private SearchKey recent() {
        List<long[]> ranges = new ArrayList<>();
        for (long uid : new TreeSet<>(mailbox.recentUids())) {
            ranges.add(new long[] {uid, uid});
        }
        return new SearchKey.Uids(ranges);
    }
}
