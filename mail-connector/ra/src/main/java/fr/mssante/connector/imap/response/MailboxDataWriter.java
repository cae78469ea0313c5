package fr.mssante.connector.imap.response;

import fr.mssante.connector.imap.response.ImapResponse.ListEntry;
import fr.mssante.connector.imap.response.ImapResponse.Quota;
import fr.mssante.connector.imap.response.ImapResponse.QuotaRoot;
import fr.mssante.connector.imap.response.ImapResponse.StatusData;

import java.util.Map;

/**
 * Mailbox data: LIST/LSUB (RFC 3501 7.2.2-3, RFC 5258 CHILDINFO), STATUS (7.2.4), QUOTA and QUOTAROOT
 * (RFC 9208 section 5). The delimiter is always {@code "/"}.
 */
final class MailboxDataWriter {

    private MailboxDataWriter() {
    }

    static boolean write(ImapResponse response, ImapComposer out) {
        if (response instanceof ListEntry list) {
            out.raw("* ").raw(list.command()).raw(" (").raw(String.join(" ", list.attributes())).raw(") ");
            // LIST "" "" answers the delimiter with an empty name (RFC 3501 6.3.8).
            out.raw("\"/\" ").mailbox(list.mailbox());
            if (!list.childInfo().isEmpty()) {
                out.raw(" (\"CHILDINFO\" (");
                for (int i = 0; i < list.childInfo().size(); i++) {
                    out.raw(i == 0 ? "" : " ").string(list.childInfo().get(i));
                }
                out.raw("))");
            }
        } else if (response instanceof StatusData status) {
            out.raw("* STATUS ").mailbox(status.mailbox()).raw(" (");
            boolean first = true;
            for (Map.Entry<String, Long> item : status.items().entrySet()) {
                out.raw(first ? "" : " ").raw(item.getKey()).sp().number(item.getValue());
                first = false;
            }
            out.close();
        } else if (response instanceof Quota quota) {
            out.raw("* QUOTA ").string(quota.root()).raw(" (STORAGE ").number(quota.usedKilobytes()).sp()
                    .number(quota.limitKilobytes()).close();
        } else if (response instanceof QuotaRoot root) {
            out.raw("* QUOTAROOT ").mailbox(root.mailbox());
            root.roots().forEach(name -> out.sp().string(name));
        } else {
            return false;
        }
        return true;
    }
}
