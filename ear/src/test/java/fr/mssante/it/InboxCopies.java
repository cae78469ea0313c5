package fr.mssante.it;

import fr.mssante.devstack.LocalPlatform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The INBOX copies of a test run's messages, read straight from PostgreSQL: subject -> the mailboxes holding
 * a copy. For the delivery tests that count copies (exactly once, across mailboxes).
 */
final class InboxCopies {

    private InboxCopies() {
    }

    /** Once {@code copies} copies with subjects starting with {@code subjectPrefix} are in (or 3 minutes), and a look more. */
    static Map<String, List<String>> await(LocalPlatform platform, String subjectPrefix, int copies) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (of(platform, subjectPrefix).values().stream().mapToInt(List::size).sum() >= copies) {
                Thread.sleep(2000); // a duplicate would come after the expected count: look once more
                return of(platform, subjectPrefix);
            }
            Thread.sleep(500);
        }
        return of(platform, subjectPrefix);
    }

    static Map<String, List<String>> of(LocalPlatform platform, String subjectPrefix) throws Exception {
        Map<String, List<String>> copies = new HashMap<>();
        try (Connection db = platform.database().connect();
             PreparedStatement q = db.prepareStatement("""
                     SELECT c.subject, b.address FROM message m
                     JOIN message_content c ON c.blob_sha256 = m.blob_sha256
                     JOIN folder f ON f.id = m.folder_id JOIN mailbox b ON b.id = f.mailbox_id
                     WHERE f.name = 'INBOX' AND c.subject LIKE ?""")) {
            q.setString(1, subjectPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    copies.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return copies;
    }
}
