package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.CopyResult;
import fr.mssante.connector.imap.protocol.SequenceSet;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.response.ImapResponse.Code;
import fr.mssante.connector.imap.response.ImapResponse.Status;
import fr.mssante.connector.imap.response.ImapResponse.StatusResponse;

import java.util.List;

/**
 * COPY (RFC 3501 6.4.7) and MOVE (RFC 6851), with their UID forms, answered with
 * {@code [COPYUID uidvalidity source-uids target-uids]} (RFC 4315): both sets list the UIDs in the same
 * order, the n-th source having become the n-th target.
 *
 * <p>MOVE sends the COPYUID in an untagged OK, then the expunges of the sources (EXPUNGE, or VANISHED
 * with QRESYNC), then the tagged OK (RFC 6851 section 4.3).
 */
final class CopyProcessor implements Processor<ImapRequest.Copy> {

    @Override
    public void process(ImapRequest.Copy request, ImapSession session) {
        SelectedMailbox mailbox = session.selected();
        String command = (request.uid() ? "UID " : "") + (request.move() ? "MOVE" : "COPY");
        if (request.move() && mailbox.readOnly()) {
            session.no("CANNOT", "Mailbox is read-only");
            return;
        }
        List<Long> uids = session.uids(request.set(), request.uid());
        if (uids == null) {
            return;
        }
        if (uids.isEmpty()) {
            session.ok(command + " completed");
            return;
        }
        String user = session.user();
        session.call(listener -> listener.copy(user, mailbox.folder(), uids, request.mailbox(), request.move()), result -> {
            Code copyUid = copyUid(result);
            if (!request.move()) {
                session.ok(copyUid, command + " completed");
                return;
            }
            if (copyUid != null) {
                session.write(StatusResponse.untagged(Status.OK, copyUid, "Moved"));
            }
            session.writeAll(mailbox.expunged(result.sourceUids(), session.updates()));
            session.ok(command + " completed");
        });
    }

    private static Code copyUid(CopyResult result) {
        if (result == null || result.sourceUids().isEmpty()) {
            return null;
        }
        return Code.of("COPYUID", result.uidValidity() + " " + SequenceSet.format(result.sourceUids()) + " "
                + SequenceSet.format(result.targetUids()));
    }
}
