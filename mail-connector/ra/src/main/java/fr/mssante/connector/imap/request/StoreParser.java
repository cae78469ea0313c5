package fr.mssante.connector.imap.request;

import fr.mssante.connector.api.imap.FlagUpdate;
import fr.mssante.connector.imap.protocol.ImapReader;
import fr.mssante.connector.imap.protocol.ImapSyntaxException;
import fr.mssante.connector.imap.protocol.SequenceSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * STORE arguments: {@code sequence-set [SP "(" "UNCHANGEDSINCE" SP mod-sequence-valzer ")"] SP
 * store-att-flags} (RFC 3501 section 9, RFC 7162 section 3.1.3).
 */
final class StoreParser {

    private StoreParser() {
    }

    /** After "STORE SP". */
    static ImapRequest.Store parse(String tag, boolean uid, ImapReader reader) throws ImapSyntaxException {
        SequenceSet set = reader.sequenceSet();
        reader.sp();
        long unchangedSince = -1;
        if (reader.consume('(')) {
            String modifier = reader.atom().toUpperCase(Locale.ROOT);
            if (!modifier.equals("UNCHANGEDSINCE")) {
                throw new ImapSyntaxException("Unknown STORE modifier " + modifier);
            }
            reader.sp();
            unchangedSince = reader.number();
            reader.expect(')');
            reader.sp();
        }
        FlagUpdate.Mode mode = FlagUpdate.Mode.REPLACE;
        if (reader.consume('+')) {
            mode = FlagUpdate.Mode.ADD;
        } else if (reader.consume('-')) {
            mode = FlagUpdate.Mode.REMOVE;
        }
        String item = reader.atom().toUpperCase(Locale.ROOT);
        boolean silent = item.equals("FLAGS.SILENT");
        if (!silent && !item.equals("FLAGS")) {
            throw new ImapSyntaxException("Expected FLAGS, +FLAGS or -FLAGS");
        }
        reader.sp();
        List<String> flags;
        if (reader.peek() == '(') {
            flags = reader.flagList();
        } else {
            flags = new ArrayList<>();
            do {
                flags.add(reader.flag());
            } while (reader.more());
        }
        reader.end();
        return new ImapRequest.Store(tag, uid, set, new FlagUpdate(mode, flags), silent, unchangedSince);
    }
}
