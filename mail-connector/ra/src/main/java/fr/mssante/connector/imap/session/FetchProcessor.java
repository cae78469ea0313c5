package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.FetchItem;
import fr.mssante.connector.api.imap.MessageData;
import fr.mssante.connector.imap.protocol.ImapDates;
import fr.mssante.connector.imap.request.FetchAttribute;
import fr.mssante.connector.imap.request.FetchAttribute.BodySection;
import fr.mssante.connector.imap.request.FetchAttribute.Kind;
import fr.mssante.connector.imap.request.FetchAttribute.SectionText;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.response.ImapResponse;
import fr.mssante.connector.imap.response.ImapResponse.FetchData;
import fr.mssante.connector.imap.response.ImapResponse.FetchValue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * FETCH and UID FETCH (RFC 3501 6.4.5, 6.4.8) with CHANGEDSINCE and VANISHED (RFC 7162 3.1.4, 3.2.6).
 *
 * <p>The listener is asked for what the attributes need ({@link FetchItem}) in batches, so that a
 * {@code FETCH 1:* BODY[]} on a large mailbox never holds more than one batch of messages: the next
 * batch is fetched only once the previous one has been written to the socket. When the content is
 * needed, the sizes are asked first and a batch holds at most {@link #CONTENT_BYTES} octets of messages
 * (or one larger message).
 *
 * <p>BINARY and BINARY.SIZE (RFC 3516) ask the store for the decoded sections ({@link BinarySections});
 * they are batched by message size like the content.
 *
 * <p>A BODY[...] or BINARY[...] without PEEK, RFC822 and RFC822.TEXT set \Seen on a read-write selection
 * (RFC 3501 6.4.5); the listener does it with {@link FetchItem#SET_SEEN} and returns the new flags, which
 * are added to the response when they changed.
 */
final class FetchProcessor implements Processor<ImapRequest.Fetch> {

    /** UIDs per listener call. */
    private static final int BATCH = 500;
    /** Message octets per listener call when the content is asked for (a single message may exceed it). */
    private static final long CONTENT_BYTES = 4L * 1024 * 1024;
    private static final Set<FetchItem> SIZES = EnumSet.of(FetchItem.FLAGS, FetchItem.SIZE);

    @Override
    public void process(ImapRequest.Fetch request, ImapSession session) {
        SelectedMailbox mailbox = session.selected();
        List<Long> uids = session.uids(request.set(), request.uid());
        if (uids == null) {
            return;
        }
        if (request.vanished() && !session.qresync()) {
            session.bad("VANISHED needs QRESYNC to be enabled");
            return;
        }
        boolean modseqAsked = request.attributes().contains(new FetchAttribute.Simple(Kind.MODSEQ));
        if (request.changedSince() >= 0 || modseqAsked) {
            // CONDSTORE enabling (RFC 7162 section 3.1).
            session.enable("CONDSTORE");
        }
        Set<FetchItem> items = items(request.attributes(), mailbox.readOnly());
        Batches batches = new Batches(request, session, mailbox, uids, items);
        if (request.vanished()) {
            session.call(listener -> listener.changes(session.user(), mailbox.folder(), request.changedSince(), false), delta -> {
                List<Long> vanished = new ArrayList<>();
                for (long uid : delta.expunged()) {
                    if (request.set().contains(uid, mailbox.uidNext() - 1)) {
                        vanished.add(uid);
                    }
                }
                if (!vanished.isEmpty()) {
                    session.write(new ImapResponse.Vanished(vanished, true));
                }
                batches.next(0);
            });
        } else {
            batches.next(0);
        }
    }

    /** What the listener must return for these attributes. */
    static Set<FetchItem> items(List<FetchAttribute> attributes, boolean readOnly) {
        // FLAGS always: MODSEQ comes with them, and a changed \Seen is detected by its MODSEQ.
        Set<FetchItem> items = EnumSet.of(FetchItem.FLAGS);
        for (FetchAttribute attribute : attributes) {
            if (attribute instanceof FetchAttribute.Binary binary) {
                if (!binary.peek() && !binary.size() && !readOnly) {
                    items.add(FetchItem.SET_SEEN);
                }
                continue;
            }
            if (attribute instanceof FetchAttribute.Section section) {
                items.add(FetchItem.CONTENT);
                if (!section.section().part().isEmpty()) {
                    items.add(FetchItem.STRUCTURE);
                }
                if (!section.peek() && !readOnly) {
                    items.add(FetchItem.SET_SEEN);
                }
                continue;
            }
            switch (((FetchAttribute.Simple) attribute).kind()) {
                case INTERNALDATE -> items.add(FetchItem.INTERNALDATE);
                case RFC822_SIZE -> items.add(FetchItem.SIZE);
                case ENVELOPE -> items.add(FetchItem.ENVELOPE);
                case BODY, BODYSTRUCTURE -> items.add(FetchItem.STRUCTURE);
                case RFC822_HEADER -> items.add(FetchItem.CONTENT);
                case RFC822, RFC822_TEXT -> {
                    items.add(FetchItem.CONTENT);
                    if (!readOnly) {
                        items.add(FetchItem.SET_SEEN);
                    }
                }
                default -> {
                    // FLAGS, UID, MODSEQ: always there.
                }
            }
        }
        return items;
    }

    /** The successive listener calls of one FETCH command. */
    private static final class Batches {
        private final ImapRequest.Fetch request;
        private final ImapSession session;
        private final SelectedMailbox mailbox;
        private final List<Long> uids;
        private final Set<FetchItem> items;
        private final Set<String> decodedSections;
        /** The encoding of a BINARY section the store could not decode: the command ends NO [UNKNOWN-CTE]. */
        private String unknownEncoding;

        Batches(ImapRequest.Fetch request, ImapSession session, SelectedMailbox mailbox, List<Long> uids,
                Set<FetchItem> items) {
            this.request = request;
            this.session = session;
            this.mailbox = mailbox;
            this.uids = uids;
            this.items = items;
            this.decodedSections = BinarySections.asked(request.attributes());
        }

        /** Fetches {@code uids[from, from + BATCH)}, then the rest. */
        void next(int from) {
            if (from >= uids.size() || session.selected() != mailbox) {
                if (unknownEncoding != null) {
                    session.no("UNKNOWN-CTE", "Cannot decode Content-Transfer-Encoding " + unknownEncoding);
                } else {
                    session.ok((request.uid() ? "UID FETCH" : "FETCH") + " completed");
                }
                return;
            }
            List<Long> batch = List.copyOf(uids.subList(from, Math.min(uids.size(), from + BATCH)));
            Runnable rest = () -> next(from + BATCH);
            if (!items.contains(FetchItem.CONTENT) && decodedSections.isEmpty()) {
                fetch(batch, rest);
                return;
            }
            session.call(listener -> listener.fetch(session.user(), mailbox.folder(), batch, SIZES),
                    sizes -> bySize(sizes, 0, rest));
        }

        /** Fetches the messages of {@code sizes} from {@code from} on, {@link #CONTENT_BYTES} at a time. */
        private void bySize(List<MessageData> sizes, int from, Runnable then) {
            if (from >= sizes.size()) {
                then.run();
                return;
            }
            int to = from;
            long octets = 0;
            do {
                octets += sizes.get(to++).size();
            } while (to < sizes.size() && octets + sizes.get(to).size() <= CONTENT_BYTES);
            List<Long> batch = sizes.subList(from, to).stream().map(MessageData::uid).toList();
            int next = to;
            fetch(batch, () -> bySize(sizes, next, then));
        }

        private void fetch(List<Long> batch, Runnable then) {
            String user = session.user();
            session.call(listener -> listener.fetch(user, mailbox.folder(), batch, items, decodedSections), data -> {
                for (MessageData message : data) {
                    int msn = mailbox.sequenceNumber(message.uid());
                    String unknown = BinarySections.unknownEncoding(request.attributes(), message);
                    if (unknown != null) {
                        unknownEncoding = unknown;
                        continue;
                    }
                    if (msn > 0 && (request.changedSince() < 0 || message.modseq() > request.changedSince())) {
                        if (message.flags() != null) {
                            session.writeAll(mailbox.announce(message.flags()));
                        }
                        session.write(new ImapResponse.Fetch(msn, items(message)));
                    }
                }
                session.flushThen(then);
            });
        }

        private List<FetchData> items(MessageData message) {
            List<FetchData> result = new ArrayList<>(request.attributes().size() + 2);
            boolean flags = false;
            boolean modseq = false;
            for (FetchAttribute attribute : request.attributes()) {
                if (attribute instanceof FetchAttribute.Binary binary) {
                    result.add(new FetchData(binary.responseName(), BinarySections.read(binary, message)));
                    continue;
                }
                if (attribute instanceof FetchAttribute.Section section) {
                    result.add(new FetchData(sectionName(section.section()), BodySections.read(section.section(), message)));
                    continue;
                }
                Kind kind = ((FetchAttribute.Simple) attribute).kind();
                flags |= kind == Kind.FLAGS;
                modseq |= kind == Kind.MODSEQ;
                result.add(simple(kind, message));
            }
            boolean seenChanged = items.contains(FetchItem.SET_SEEN) && message.modseq() != mailbox.modseq(message.uid());
            if (seenChanged && !flags) {
                // RFC 3501 6.4.5: when \Seen gets set, the new flags should be part of the response.
                result.add(simple(Kind.FLAGS, message));
                flags = true;
            }
            if (!modseq && (request.changedSince() >= 0 || (flags && session.condstore()))) {
                // RFC 7162 3.1.4.1 (CHANGEDSINCE) and 3.1.3: MODSEQ goes with the flags once CONDSTORE is on.
                result.add(simple(Kind.MODSEQ, message));
            }
            if (flags) {
                mailbox.reported(message.uid(), message.modseq());
            }
            return result;
        }

        private FetchData simple(Kind kind, MessageData message) {
            return switch (kind) {
                case UID -> atom("UID", Long.toString(message.uid()));
                case FLAGS -> atom("FLAGS", Flags.list(message.flags(), mailbox.isRecent(message.uid())));
                case MODSEQ -> atom("MODSEQ", "(" + message.modseq() + ")");
                case INTERNALDATE -> atom("INTERNALDATE", message.internalDate() == null ? "NIL"
                        : "\"" + ImapDates.format(message.internalDate()) + "\"");
                case RFC822_SIZE -> atom("RFC822.SIZE", Long.toString(message.size()));
                // RFC 6855 section 5: UTF-8 header fields only to a client that enabled UTF8=ACCEPT.
                case ENVELOPE -> octets("ENVELOPE", session.utf8Accepted() ? message.envelope()
                        : EnvelopeDowngrade.toAscii(message.envelope()));
                case BODY -> octets("BODY", message.body());
                case BODYSTRUCTURE -> octets("BODYSTRUCTURE", message.bodyStructure());
                case RFC822 -> new FetchData("RFC822", BodySections.read(whole(SectionText.ALL), message));
                case RFC822_HEADER -> new FetchData("RFC822.HEADER", BodySections.read(whole(SectionText.HEADER), message));
                case RFC822_TEXT -> new FetchData("RFC822.TEXT", BodySections.read(whole(SectionText.TEXT), message));
            };
        }

        private static FetchData atom(String name, String text) {
            return new FetchData(name, new FetchValue.Atom(text));
        }

        /** Precomputed ENVELOPE/BODY/BODYSTRUCTURE; NIL if the store has none (a listener bug, not fatal). */
        private static FetchData octets(String name, String value) {
            return new FetchData(name, value == null ? new FetchValue.Atom("NIL") : new FetchValue.Octets(value));
        }

        private static BodySection whole(SectionText text) {
            return new BodySection("", text, List.of(), -1, 0);
        }

        /** The response name: BODY[spec] and, for a partial fetch, the origin only (RFC 3501 7.4.2). */
        private static String sectionName(BodySection section) {
            return "BODY[" + section.spec() + "]" + (section.offset() >= 0 ? "<" + section.offset() + ">" : "");
        }
    }
}
