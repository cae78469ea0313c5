package fr.mssante.connector.imap.request;

import fr.mssante.connector.api.imap.FlagUpdate;
import fr.mssante.connector.imap.protocol.Literal;
import fr.mssante.connector.imap.protocol.SequenceSet;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed client command: immutable, free of syntax, ready for its processor. One record per command
 * (or per family of commands sharing their arguments); {@code uid} marks the UID variants
 * (RFC 3501 section 6.4.8), whose sets are UIDs rather than message sequence numbers.
 */
public sealed interface ImapRequest {

    String tag();

    /** Commands without arguments. */
    enum Command { CAPABILITY, NOOP, LOGOUT, CHECK, CLOSE, EXPUNGE, UNSELECT, IDLE, NAMESPACE, STARTTLS }

    record Simple(String tag, Command command) implements ImapRequest {
    }

    /** RFC 3501 section 6.2.3. The password is never logged: see {@link #toString()}. */
    record Login(String tag, String user, String password) implements ImapRequest {
        @Override
        public String toString() {
            return "Login[" + tag + ", " + user + "]";
        }
    }

    /**
     * RFC 3501 section 6.2.2 with the initial response of RFC 4959 (SASL-IR).
     *
     * @param initialResponse base64 as sent, {@code ""} for "=" (empty response), null when absent
     */
    record Authenticate(String tag, String mechanism, String initialResponse) implements ImapRequest {
        @Override
        public String toString() {
            return "Authenticate[" + tag + ", " + mechanism + "]";
        }
    }

    /** SELECT / EXAMINE (RFC 3501 6.3.1-2) with the CONDSTORE and QRESYNC parameters of RFC 7162. */
    record Select(String tag, String mailbox, boolean readOnly, boolean condstore, Qresync qresync)
            implements ImapRequest {
    }

    /**
     * RFC 7162 section 3.2.5: {@code (QRESYNC (uidvalidity modseq [known-uids [(seq-match-data)]]))}.
     *
     * @param knownUids          null when absent
     * @param knownSequenceSet   null when absent, with {@code knownUidSet}
     */
    record Qresync(long uidValidity, long modseq, SequenceSet knownUids, SequenceSet knownSequenceSet,
                   SequenceSet knownUidSet) {
    }

    enum MailboxCommand { CREATE, DELETE, SUBSCRIBE, UNSUBSCRIBE }

    record MailboxRequest(String tag, MailboxCommand command, String mailbox) implements ImapRequest {
    }

    record Rename(String tag, String from, String to) implements ImapRequest {
    }

    /** RFC 5258 selection and return options this server knows. */
    enum ListOption { SUBSCRIBED, REMOTE, RECURSIVEMATCH, SPECIAL_USE, CHILDREN }

    /**
     * LIST (RFC 3501 6.3.8, extended by RFC 5258 and the STATUS return option of RFC 5819) and LSUB (6.3.9).
     *
     * @param patterns     decoded mailbox patterns with their {@code %} and {@code *} wildcards
     * @param statusItems  the items of {@code RETURN (STATUS (...))}, empty when not asked
     */
    record ListRequest(String tag, boolean lsub, String reference, List<String> patterns,
                       Set<ListOption> selection, Set<ListOption> returns, List<StatusItem> statusItems,
                       boolean extended) implements ImapRequest {
    }

    enum StatusItem { MESSAGES, RECENT, UIDNEXT, UIDVALIDITY, UNSEEN, HIGHESTMODSEQ, SIZE }

    record Status(String tag, String mailbox, List<StatusItem> items) implements ImapRequest {
    }

    /** RFC 3501 6.3.11; the message is a spooled literal that the session discards once done. */
    /**
     * APPEND (RFC 3501 6.3.11).
     *
     * @param utf8 the message came as the {@code UTF8 (literal8)} data item of RFC 6855 section 4
     */
    record Append(String tag, String mailbox, List<String> flags, OffsetDateTime internalDate, Literal message,
                  boolean utf8) implements ImapRequest {
    }

    /**
     * SEARCH (RFC 3501 6.4.4), with the RETURN options of ESEARCH (RFC 4731).
     *
     * @param charset null when not given
     * @param returns null without RETURN (a classic {@code * SEARCH} answer); otherwise the ESEARCH result
     *                options, never empty: {@code RETURN ()} means {@code RETURN (ALL)} (RFC 4731 section 3.1)
     */
    record Search(String tag, boolean uid, Set<SearchReturn> returns, String charset, SearchTerm criteria)
            implements ImapRequest {
    }

    /** ESEARCH result options (RFC 4731 section 3.1). */
    enum SearchReturn { MIN, MAX, ALL, COUNT }

    /** SORT (RFC 5256 section 3). */
    record Sort(String tag, boolean uid, List<SortCriterion> order, String charset, SearchTerm criteria)
            implements ImapRequest {
    }

    /** THREAD (RFC 5256 section 3). */
    record Thread(String tag, boolean uid, ThreadAlgorithm algorithm, String charset, SearchTerm criteria)
            implements ImapRequest {
    }

    /** The threading algorithms this server implements (RFC 5256 section 3). */
    enum ThreadAlgorithm { ORDEREDSUBJECT, REFERENCES }

    enum SortKey { ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO }

    record SortCriterion(SortKey key, boolean reverse) {
    }

    /**
     * FETCH (RFC 3501 6.4.5) with the CHANGEDSINCE and VANISHED modifiers of RFC 7162.
     *
     * @param changedSince -1 when absent
     */
    record Fetch(String tag, boolean uid, SequenceSet set, List<FetchAttribute> attributes, long changedSince,
                 boolean vanished) implements ImapRequest {
    }

    /**
     * STORE (RFC 3501 6.4.6) with UNCHANGEDSINCE (RFC 7162 3.1.3).
     *
     * @param unchangedSince -1 when absent
     */
    record Store(String tag, boolean uid, SequenceSet set, FlagUpdate update, boolean silent, long unchangedSince)
            implements ImapRequest {
    }

    /** COPY (RFC 3501 6.4.7) and MOVE (RFC 6851). */
    record Copy(String tag, boolean uid, boolean move, SequenceSet set, String mailbox) implements ImapRequest {
    }

    /** UID EXPUNGE (RFC 4315 section 2.1). */
    record UidExpunge(String tag, SequenceSet set) implements ImapRequest {
    }

    /** COMPRESS (RFC 4978 section 3). */
    record Compress(String tag, String mechanism) implements ImapRequest {
    }

    /** RFC 5161. */
    record Enable(String tag, List<String> capabilities) implements ImapRequest {
    }

    /** RFC 2971; null parameters for NIL. */
    record Id(String tag, Map<String, String> parameters) implements ImapRequest {
    }

    /** GETQUOTA (RFC 9208 4.2). */
    record GetQuota(String tag, String root) implements ImapRequest {
    }

    /** GETQUOTAROOT (RFC 9208 4.3). */
    record GetQuotaRoot(String tag, String mailbox) implements ImapRequest {
    }

    /** SETQUOTA (RFC 9208 4.1): parsed so that it gets a proper refusal, limits are set by the operator. */
    record SetQuota(String tag, String root) implements ImapRequest {
    }
}
