package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.FolderDelta;
import fr.mssante.connector.api.imap.MessageMeta;
import fr.mssante.connector.api.imap.SelectedFolder;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.request.ImapRequest.Qresync;
import fr.mssante.connector.imap.response.ImapResponse;
import fr.mssante.connector.imap.response.ImapResponse.Code;
import fr.mssante.connector.imap.response.ImapResponse.Status;
import fr.mssante.connector.imap.response.ImapResponse.StatusResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * SELECT and EXAMINE (RFC 3501 6.3.1-2), with CONDSTORE (RFC 7162 3.1.8: HIGHESTMODSEQ) and QRESYNC
 * (3.2.5: VANISHED (EARLIER) and FETCH of what changed since the client's MODSEQ).
 *
 * <p>The previous selection ends first, even if the new one fails (RFC 3501 6.3.1), and is reported
 * with {@code OK [CLOSED]} (RFC 7162 3.2.11).
 */
final class SelectProcessor implements Processor<ImapRequest.Select> {

    private record Selection(SelectedFolder folder, FolderDelta sinceClientModseq) {
    }

    @Override
    public void process(ImapRequest.Select request, ImapSession session) {
        Qresync qresync = request.qresync();
        if (qresync != null && !session.qresync()) {
            // RFC 7162 3.2.5: the client must ENABLE QRESYNC first.
            session.bad("QRESYNC is not enabled");
            return;
        }
        if (request.condstore()) {
            session.enable("CONDSTORE");
        }
        if (session.selected() != null) {
            session.unselect();
            session.write(StatusResponse.untagged(Status.OK, Code.of("CLOSED"), "Previous mailbox closed"));
        }
        String user = session.user();
        long eventMark = session.folderEventMark();
        session.call(listener -> {
            SelectedFolder folder = listener.select(user, request.mailbox(), request.readOnly());
            FolderDelta delta = qresync != null && folder.folder().uidValidity() == qresync.uidValidity()
                    ? listener.changes(user, folder.folder(), qresync.modseq(), false) : null;
            return new Selection(folder, delta);
        }, selection -> selected(request, session, selection, eventMark));
    }

    private static void selected(ImapRequest.Select request, ImapSession session, Selection selection,
                                 long eventMark) {
        SelectedFolder folder = selection.folder();
        boolean readOnly = request.readOnly() || folder.readOnly();
        SelectedMailbox mailbox = new SelectedMailbox(folder, readOnly);
        session.write(new ImapResponse.Flags(mailbox.flagsWithKeywords()));
        session.write(mailbox.permanentFlags());
        session.write(new ImapResponse.Exists(mailbox.count()));
        session.write(new ImapResponse.Recent(mailbox.recentUids().size()));
        int firstUnseen = firstUnseen(folder.messages());
        if (firstUnseen > 0) {
            session.write(untagged(Code.of("UNSEEN", firstUnseen), "First unseen"));
        }
        session.write(untagged(Code.of("UIDVALIDITY", folder.folder().uidValidity()), "UIDs valid"));
        session.write(untagged(Code.of("UIDNEXT", folder.uidNext()), "Predicted next UID"));
        session.write(untagged(Code.of("HIGHESTMODSEQ", folder.highestModseq()), "Highest"));
        session.select(mailbox, eventMark);
        if (selection.sinceClientModseq() != null) {
            resynchronise(request.qresync(), session, mailbox, folder, selection.sinceClientModseq());
        }
        session.ok(Code.of(readOnly ? "READ-ONLY" : "READ-WRITE"),
                (request.readOnly() ? "EXAMINE" : "SELECT") + " completed");
    }

    private static StatusResponse untagged(Code code, String text) {
        return StatusResponse.untagged(Status.OK, code, text);
    }

    private static int firstUnseen(List<MessageMeta> messages) {
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).flags().contains(Flags.SEEN)) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * RFC 7162 3.2.5.1: the UIDs expunged since the client's MODSEQ (among the ones it knows, when it
     * said), then the flags of the messages changed since.
     */
    private static void resynchronise(Qresync qresync, ImapSession session, SelectedMailbox mailbox,
                                      SelectedFolder folder, FolderDelta delta) {
        List<Long> vanished = new ArrayList<>();
        for (long uid : delta.expunged()) {
            if (qresync.knownUids() == null || qresync.knownUids().contains(uid, mailbox.uidNext() - 1)) {
                vanished.add(uid);
            }
        }
        if (!vanished.isEmpty()) {
            session.write(new ImapResponse.Vanished(vanished, true));
        }
        SelectedMailbox.Updates updates = new SelectedMailbox.Updates(true, true, true, true);
        for (MessageMeta meta : folder.messages()) {
            if (meta.modseq() > qresync.modseq()
                    && (qresync.knownUids() == null || qresync.knownUids().contains(meta.uid(), mailbox.lastUid()))) {
                session.writeAll(mailbox.announce(meta.flags()));
                session.write(new ImapResponse.Fetch(mailbox.sequenceNumber(meta.uid()), mailbox.flagsItems(meta, updates)));
            }
        }
    }
}
