package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.FlagUpdate;
import fr.mssante.connector.api.imap.MessageMeta;
import fr.mssante.connector.imap.protocol.SequenceSet;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.response.ImapResponse;
import fr.mssante.connector.imap.response.ImapResponse.Code;
import fr.mssante.connector.imap.response.ImapResponse.FetchData;
import fr.mssante.connector.imap.response.ImapResponse.FetchValue;

import java.util.ArrayList;
import java.util.List;

/**
 * STORE and UID STORE (RFC 3501 6.4.6) with UNCHANGEDSINCE (RFC 7162 3.1.3).
 *
 * <p>Each changed message gets {@code * n FETCH (FLAGS ...)}, unless .SILENT; once CONDSTORE is enabled
 * the MODSEQ is sent even with .SILENT (RFC 7162 3.1.3 example: {@code * 5 FETCH (MODSEQ (320162350))}).
 * Messages not changed because of UNCHANGEDSINCE are listed in {@code OK [MODIFIED set]}, as sequence
 * numbers for STORE and UIDs for UID STORE.
 */
final class StoreProcessor implements Processor<ImapRequest.Store> {

    @Override
    public void process(ImapRequest.Store request, ImapSession session) {
        SelectedMailbox mailbox = session.selected();
        if (mailbox.readOnly()) {
            session.no("CANNOT", "Mailbox is read-only");
            return;
        }
        List<Long> uids = session.uids(request.set(), request.uid());
        if (uids == null) {
            return;
        }
        if (request.unchangedSince() >= 0) {
            session.enable("CONDSTORE");
        }
        String done = (request.uid() ? "UID STORE" : "STORE") + " completed";
        if (uids.isEmpty()) {
            session.ok(done);
            return;
        }
        List<String> flags = new ArrayList<>();
        for (String flag : request.update().flags()) {
            // \Recent cannot be stored (RFC 3501 2.3.2).
            if (!flag.equalsIgnoreCase(Flags.RECENT)) {
                flags.add(flag);
            }
        }
        FlagUpdate update = new FlagUpdate(request.update().mode(), flags);
        String user = session.user();
        session.call(listener -> listener.store(user, mailbox.folder(), uids, update, request.unchangedSince()), result -> {
            SelectedMailbox.Updates updates = session.updates();
            for (MessageMeta meta : result.updated()) {
                int msn = mailbox.sequenceNumber(meta.uid());
                if (msn < 0) {
                    continue;
                }
                if (!request.silent()) {
                    session.writeAll(mailbox.announce(meta.flags()));
                    session.write(new ImapResponse.Fetch(msn, mailbox.flagsItems(meta, updates)));
                } else if (session.condstore()) {
                    session.write(new ImapResponse.Fetch(msn, modseqOnly(meta, request.uid())));
                }
                mailbox.reported(meta.uid(), meta.modseq());
            }
            if (result.modified().isEmpty()) {
                session.ok(done);
            } else {
                session.ok(Code.of("MODIFIED", modified(result.modified(), request.uid(), mailbox)),
                        "Conditional STORE failed");
            }
        });
    }

    private static List<FetchData> modseqOnly(MessageMeta meta, boolean uid) {
        List<FetchData> items = new ArrayList<>(2);
        if (uid) {
            items.add(new FetchData("UID", new FetchValue.Atom(Long.toString(meta.uid()))));
        }
        items.add(new FetchData("MODSEQ", new FetchValue.Atom("(" + meta.modseq() + ")")));
        return items;
    }

    private static String modified(List<Long> uids, boolean uid, SelectedMailbox mailbox) {
        if (uid) {
            return SequenceSet.format(uids);
        }
        List<Long> numbers = new ArrayList<>();
        for (long u : uids) {
            int msn = mailbox.sequenceNumber(u);
            if (msn > 0) {
                numbers.add((long) msn);
            }
        }
        return SequenceSet.format(numbers);
    }
}
