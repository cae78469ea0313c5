package fr.mssante.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The UIDs of a mailbox's INBOX in the order they were given (MODSEQ order), read from the database. */
final class InboxUids {

    private InboxUids() {
    }

    static List<Long> inModseqOrder(Connection db, String mailbox) throws Exception {
        try (PreparedStatement q = db.prepareStatement("""
                SELECT m.uid FROM message m JOIN folder f ON f.id = m.folder_id JOIN mailbox b ON b.id = f.mailbox_id
                WHERE b.address = ? AND f.name = 'INBOX' ORDER BY m.modseq""")) {
            q.setString(1, mailbox);
            List<Long> uids = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    uids.add(rs.getLong(1));
                }
            }
            return uids;
        }
    }
}
