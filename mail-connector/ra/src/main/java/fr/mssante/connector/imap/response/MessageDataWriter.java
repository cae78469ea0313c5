package fr.mssante.connector.imap.response;

import fr.mssante.connector.imap.protocol.SequenceSet;
import fr.mssante.connector.imap.response.ImapResponse.ESearch;
import fr.mssante.connector.imap.response.ImapResponse.Exists;
import fr.mssante.connector.imap.response.ImapResponse.Expunge;
import fr.mssante.connector.imap.response.ImapResponse.Flags;
import fr.mssante.connector.imap.response.ImapResponse.Numbers;
import fr.mssante.connector.imap.response.ImapResponse.Recent;
import fr.mssante.connector.imap.response.ImapResponse.Vanished;
import fr.mssante.connector.imap.sort.ThreadNode;

/**
 * Mailbox size and message numbers: EXISTS, RECENT, EXPUNGE (RFC 3501 7.3, 7.4.1), VANISHED
 * (RFC 7162 3.2.10), FLAGS (7.2.6), SEARCH (7.2.5, with RFC 7162 MODSEQ),
 * ESEARCH (RFC 4731), SORT and THREAD (RFC 5256).
 */
final class MessageDataWriter {

    private MessageDataWriter() {
    }

    static boolean write(ImapResponse response, ImapComposer out) {
        if (response instanceof Exists exists) {
            out.raw("* ").number(exists.count()).raw(" EXISTS");
        } else if (response instanceof Recent recent) {
            out.raw("* ").number(recent.count()).raw(" RECENT");
        } else if (response instanceof Expunge expunge) {
            out.raw("* ").number(expunge.sequenceNumber()).raw(" EXPUNGE");
        } else if (response instanceof Vanished vanished) {
            out.raw("* VANISHED ").raw(vanished.earlier() ? "(EARLIER) " : "").raw(SequenceSet.format(vanished.uids()));
        } else if (response instanceof Flags flags) {
            out.raw("* FLAGS (").raw(String.join(" ", flags.flags())).raw(")");
        } else if (response instanceof Numbers numbers) {
            out.raw("* ").raw(numbers.name());
            numbers.numbers().forEach(n -> out.sp().number(n));
            if (numbers.modseq() >= 0) {
                out.raw(" (MODSEQ ").number(numbers.modseq()).raw(")");
            }
        } else if (response instanceof ImapResponse.Thread thread) {
            out.raw("* THREAD");
            if (!thread.threads().isEmpty()) {
                out.sp();
            }
            thread.threads().forEach(root -> {
                out.raw("(");
                writeThread(root, out);
                out.raw(")");
            });
        } else if (response instanceof ESearch esearch) {
            out.raw("* ESEARCH (TAG ").string(esearch.tag()).raw(")");
            if (esearch.uid()) {
                out.raw(" UID");
            }
            esearch.items().forEach((name, value) -> out.sp().raw(name).sp().raw(value));
        } else {
            return false;
        }
        return true;
    }

    /**
     * RFC 5256 section 4: a message followed by its only child on the same level ({@code 3 6}), or by its
     * children each in parentheses ({@code 6 (4 23)(44 7 96)}); a node without message shows only its
     * children ({@code ((3)(5))}).
     */
    private static void writeThread(ThreadNode node, ImapComposer out) {
        if (node.message()) {
            out.number(node.number());
        }
        if (node.children().size() == 1) {
            out.raw(node.message() ? " " : "");
            writeThread(node.children().get(0), out);
        } else if (!node.children().isEmpty()) {
            out.raw(node.message() ? " " : "");
            for (ThreadNode child : node.children()) {
                out.raw("(");
                writeThread(child, out);
                out.raw(")");
            }
        }
    }
}
