package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.FolderDelta;
import fr.mssante.connector.api.imap.FolderRef;
import fr.mssante.connector.api.imap.MessageMeta;
import fr.mssante.connector.api.imap.SelectedFolder;
import fr.mssante.connector.imap.protocol.ImapSyntaxException;
import fr.mssante.connector.imap.protocol.SequenceSet;
import fr.mssante.connector.imap.response.ImapResponse;
import fr.mssante.connector.imap.response.ImapResponse.FetchData;
import fr.mssante.connector.imap.response.ImapResponse.FetchValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The session's view of its selected mailbox: the message sequence number map (RFC 3501 section
 * 2.3.1.2), kept by the engine as the ascending list of the UIDs the client has been told about, with
 * the MODSEQ last reported for each, the messages this session reports as \Recent, and the expunges not
 * reported yet.
 *
 * <p>Sequence numbers change only when the client is told: an expunge learnt while EXPUNGE responses
 * are not allowed (during FETCH, STORE and SEARCH, RFC 3501 section 7.4.1) keeps its place in the map
 * until a later command may report it; new messages get numbers with the EXISTS that announces them.
 * Event-loop confined.
 */
final class SelectedMailbox {

    /** What the pending updates may contain, depending on the command and the enabled extensions. */
    record Updates(boolean expungeAllowed, boolean condstore, boolean qresync, boolean withUid) {
    }

    private final FolderRef folder;
    private final boolean readOnly;
    private long[] uids;
    private long[] modseqs;
    private int count;
    private final Set<Long> recent = new HashSet<>();
    private final TreeSet<Long> pendingExpunges = new TreeSet<>();
    private final Set<String> keywords = new LinkedHashSet<>();
    private long highestModseq;
    private long uidNext;

    SelectedMailbox(SelectedFolder selected, boolean readOnly) {
        this.folder = selected.folder();
        this.readOnly = readOnly;
        List<MessageMeta> messages = selected.messages();
        this.count = messages.size();
        this.uids = new long[Math.max(16, count)];
        this.modseqs = new long[uids.length];
        for (int i = 0; i < count; i++) {
            uids[i] = messages.get(i).uid();
            modseqs[i] = messages.get(i).modseq();
        }
        this.recent.addAll(selected.recentUids());
        this.keywords.addAll(selected.keywords());
        this.highestModseq = selected.highestModseq();
        this.uidNext = selected.uidNext();
    }

    FolderRef folder() {
        return folder;
    }

    boolean readOnly() {
        return readOnly;
    }

    /** The number of messages the client knows of (EXISTS), expunged-but-unreported ones included. */
    int count() {
        return count;
    }

    long uidAt(int sequenceNumber) {
        return uids[sequenceNumber - 1];
    }

    /** The message sequence number of {@code uid}, or -1 when the client does not know it. */
    int sequenceNumber(long uid) {
        int index = Arrays.binarySearch(uids, 0, count, uid);
        return index < 0 ? -1 : index + 1;
    }

    long lastUid() {
        return count == 0 ? 0 : uids[count - 1];
    }

    /** The MODSEQ last reported for a known UID. */
    long modseq(long uid) {
        int msn = sequenceNumber(uid);
        return msn < 0 ? -1 : modseqs[msn - 1];
    }

    boolean isRecent(long uid) {
        return recent.contains(uid);
    }

    Set<Long> recentUids() {
        return Collections.unmodifiableSet(recent);
    }

    long highestModseq() {
        return highestModseq;
    }

    long uidNext() {
        return uidNext;
    }

    List<String> keywords() {
        return List.copyOf(keywords);
    }

    /** Whether an expunge of this UID is known but not reported yet. */
    boolean expungePending(long uid) {
        return pendingExpunges.contains(uid);
    }

    /**
     * The UIDs of the known messages a sequence set designates, ascending.
     *
     * @throws ImapSyntaxException for a message sequence number beyond the mailbox size (RFC 9051 section
     *                             9: servers answer BAD)
     */
    List<Long> resolve(SequenceSet set, boolean uid) throws ImapSyntaxException {
        BitSet selected = new BitSet(count);
        if (uid) {
            for (long[] range : set.resolve(lastUid())) {
                int from = Arrays.binarySearch(uids, 0, count, range[0]);
                for (int i = from < 0 ? -from - 1 : from; i < count && uids[i] <= range[1]; i++) {
                    selected.set(i);
                }
            }
        } else if (count > 0) {
            for (long[] range : set.resolve(count)) {
                if (range[1] > count) {
                    throw new ImapSyntaxException("Invalid message sequence number " + range[1]);
                }
                selected.set((int) range[0] - 1, (int) range[1]);
            }
        }
        List<Long> result = new ArrayList<>(selected.cardinality());
        selected.stream().forEach(i -> result.add(uids[i]));
        return result;
    }

    /** Records a MODSEQ the client has just been told (STORE, FETCH with an implicit \Seen). */
    void reported(long uid, long modseq) {
        int msn = sequenceNumber(uid);
        if (msn > 0) {
            modseqs[msn - 1] = modseq;
        }
    }

    /** Applies changes learnt from the listener; returns the untagged responses that tell the client. */
    List<ImapResponse> apply(FolderDelta delta, Updates updates) {
        List<ImapResponse> responses = new ArrayList<>(expunged(delta.expunged(), updates));
        List<MessageMeta> metas = new ArrayList<>(delta.added().size() + delta.changed().size());
        metas.addAll(delta.changed());
        metas.addAll(delta.added());
        metas.sort(Comparator.comparingLong(MessageMeta::uid));
        int added = 0;
        int recentBefore = recent.size();
        // RFC 3501 7.2.6: FLAGS must precede the first FETCH that carries a keyword it did not list.
        for (MessageMeta meta : metas) {
            responses.addAll(announce(meta.flags()));
        }
        for (MessageMeta meta : metas) {
            int msn = sequenceNumber(meta.uid());
            if (msn > 0) {
                if (!pendingExpunges.contains(meta.uid()) && modseqs[msn - 1] != meta.modseq()) {
                    modseqs[msn - 1] = meta.modseq();
                    responses.add(flagsFetch(msn, meta, updates));
                }
            } else if (meta.uid() > lastUid()) {
                append(meta);
                added++;
            }
        }
        if (!readOnly) {
            // RFC 3501 2.3.2: \Recent only for the new messages the listener let this session claim.
            for (long uid : delta.recentUids()) {
                if (sequenceNumber(uid) > 0 && !pendingExpunges.contains(uid)) {
                    recent.add(uid);
                }
            }
        }
        if (added > 0) {
            responses.add(new ImapResponse.Exists(count));
        }
        if (recent.size() != recentBefore) {
            responses.add(new ImapResponse.Recent(recent.size()));
        }
        highestModseq = Math.max(highestModseq, delta.highestModseq());
        uidNext = Math.max(uidNext, delta.uidNext());
        return responses;
    }

    /**
     * Takes note of expunged UIDs; they are reported (and leave the map) now if the command allows it,
     * else at the next command that does.
     */
    List<ImapResponse> expunged(Collection<Long> expunged, Updates updates) {
        for (long uid : expunged) {
            if (sequenceNumber(uid) > 0) {
                pendingExpunges.add(uid);
            }
        }
        return updates.expungeAllowed() ? flushExpunges(updates.qresync()) : List.of();
    }

    /**
     * EXPUNGE responses in decreasing sequence number order, so that no number changes before it is
     * used; or one VANISHED when QRESYNC is enabled (RFC 7162 section 3.2.10).
     */
    private List<ImapResponse> flushExpunges(boolean qresync) {
        if (pendingExpunges.isEmpty()) {
            return List.of();
        }
        List<ImapResponse> responses = new ArrayList<>();
        if (qresync) {
            responses.add(new ImapResponse.Vanished(new ArrayList<>(pendingExpunges), false));
        } else {
            for (long uid : pendingExpunges.descendingSet()) {
                responses.add(new ImapResponse.Expunge(sequenceNumber(uid)));
            }
        }
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (!pendingExpunges.contains(uids[i])) {
                uids[kept] = uids[i];
                modseqs[kept] = modseqs[i];
                kept++;
            }
        }
        count = kept;
        recent.removeAll(pendingExpunges);
        pendingExpunges.clear();
        return responses;
    }

    private void append(MessageMeta meta) {
        if (count == uids.length) {
            uids = Arrays.copyOf(uids, count * 2);
            modseqs = Arrays.copyOf(modseqs, count * 2);
        }
        uids[count] = meta.uid();
        modseqs[count] = meta.modseq();
        count++;
    }

    /** The items of {@code * n FETCH ([UID u] FLAGS (...) [MODSEQ (m)])} for a flag change. */
    List<FetchData> flagsItems(MessageMeta meta, Updates updates) {
        List<FetchData> items = new ArrayList<>(3);
        if (updates.withUid() || updates.qresync()) {
            // RFC 7162 section 3.2.4: with QRESYNC, unsolicited FETCH responses carry the UID.
            items.add(new FetchData("UID", new FetchValue.Atom(Long.toString(meta.uid()))));
        }
        items.add(new FetchData("FLAGS", new FetchValue.Atom(Flags.list(meta.flags(), isRecent(meta.uid())))));
        if (updates.condstore()) {
            items.add(new FetchData("MODSEQ", new FetchValue.Atom("(" + meta.modseq() + ")")));
        }
        return items;
    }

    private ImapResponse flagsFetch(int msn, MessageMeta meta, Updates updates) {
        return new ImapResponse.Fetch(msn, flagsItems(meta, updates));
    }

    /**
     * The responses that announce the keywords of {@code flags} this session has not announced yet:
     * {@code * FLAGS} (RFC 3501 7.2.6) and {@code * OK [PERMANENTFLAGS]} (7.1), or nothing. Every
     * response carrying message flags goes through this first, whatever learnt them (the session's own
     * STORE, a FETCH that read flags another session just stored, an IDLE update), so that no client sees
     * a keyword before the FLAGS response that defines it.
     */
    List<ImapResponse> announce(Collection<String> flags) {
        boolean added = false;
        for (String flag : flags) {
            added |= Flags.isKeyword(flag) && keywords.stream().noneMatch(flag::equalsIgnoreCase) && keywords.add(flag);
        }
        if (!added) {
            return List.of();
        }
        return List.of(new ImapResponse.Flags(flagsWithKeywords()), permanentFlags());
    }

    /** {@code * OK [PERMANENTFLAGS (...)]}: the flags and keywords, and {@code \*}, unless read-only. */
    ImapResponse permanentFlags() {
        List<String> permanent = new ArrayList<>();
        if (!readOnly) {
            permanent.addAll(flagsWithKeywords());
            // Clients may create keywords (RFC 3501 7.1 PERMANENTFLAGS).
            permanent.add("\\*");
        }
        return ImapResponse.StatusResponse.untagged(ImapResponse.Status.OK,
                ImapResponse.Code.of("PERMANENTFLAGS", "(" + String.join(" ", permanent) + ")"),
                readOnly ? "No permanent flags permitted" : "Flags permitted");
    }

    /** The FLAGS response of SELECT and of new keywords: system flags and the keywords in use. */
    List<String> flagsWithKeywords() {
        List<String> flags = new ArrayList<>(Flags.SYSTEM);
        flags.addAll(keywords);
        return flags;
    }
}
