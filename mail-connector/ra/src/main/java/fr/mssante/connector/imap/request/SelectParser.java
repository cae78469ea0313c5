package fr.mssante.connector.imap.request;

import fr.mssante.connector.imap.protocol.ImapReader;
import fr.mssante.connector.imap.protocol.ImapSyntaxException;
import fr.mssante.connector.imap.protocol.SequenceSet;

import java.util.Locale;

/**
 * SELECT / EXAMINE: {@code mailbox [SP "(" select-param *(SP select-param) ")"]} with the CONDSTORE and
 * QRESYNC parameters of RFC 7162 (sections 3.1.8 and 3.2.5).
 */
final class SelectParser {

    private SelectParser() {
    }

    /** After "SELECT SP" or "EXAMINE SP". */
    static ImapRequest.Select parse(String tag, boolean readOnly, ImapReader reader) throws ImapSyntaxException {
        String mailbox = reader.mailbox();
        boolean condstore = false;
        ImapRequest.Qresync qresync = null;
        if (reader.more()) {
            reader.expect('(');
            do {
                String param = reader.atom().toUpperCase(Locale.ROOT);
                if (param.equals("CONDSTORE")) {
                    condstore = true;
                } else if (param.equals("QRESYNC")) {
                    reader.sp();
                    qresync = qresync(reader);
                } else {
                    throw new ImapSyntaxException("Unknown SELECT parameter " + param);
                }
            } while (reader.more());
            reader.expect(')');
        }
        reader.end();
        return new ImapRequest.Select(tag, mailbox, readOnly, condstore, qresync);
    }

    /** {@code "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"}. */
    private static ImapRequest.Qresync qresync(ImapReader reader) throws ImapSyntaxException {
        reader.expect('(');
        long uidValidity = reader.nzNumber();
        reader.sp();
        long modseq = reader.nzNumber();
        SequenceSet knownUids = null;
        SequenceSet knownSequences = null;
        SequenceSet knownSequenceUids = null;
        if (reader.more()) {
            if (reader.peek() != '(') {
                knownUids = reader.sequenceSet();
            }
            if (reader.peek() == '(' || reader.more()) {
                reader.expect('(');
                knownSequences = reader.sequenceSet();
                reader.sp();
                knownSequenceUids = reader.sequenceSet();
                reader.expect(')');
            }
        }
        reader.expect(')');
        return new ImapRequest.Qresync(uidValidity, modseq, knownUids, knownSequences, knownSequenceUids);
    }
}
