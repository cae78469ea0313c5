package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.ImapListener;
import fr.mssante.connector.imap.protocol.MailboxNames;
import fr.mssante.connector.imap.request.ImapRequest;

import java.util.function.Consumer;

/**
 * CREATE, DELETE, RENAME, SUBSCRIBE and UNSUBSCRIBE (RFC 3501 6.3.3-7). The rules that are about the
 * protocol (INBOX cannot be created, deleted or be a target; wildcards are not part of names) are
 * checked here; the rest is the listener's.
 */
final class MailboxProcessor {

    void mailbox(ImapRequest.MailboxRequest request, ImapSession session) {
        String user = session.user();
        String name = request.mailbox();
        switch (request.command()) {
            case CREATE -> {
                // A trailing delimiter declares the intent to create children (RFC 3501 6.3.3).
                String folder = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
                String invalid = invalid(folder);
                if (invalid != null) {
                    session.no("CANNOT", invalid);
                } else if (MailboxNames.isInbox(folder)) {
                    session.no("ALREADYEXISTS", "INBOX always exists");
                } else {
                    run(session, listener -> listener.createFolder(user, folder), "CREATE completed");
                }
            }
            case DELETE -> {
                if (MailboxNames.isInbox(name)) {
                    session.no("CANNOT", "INBOX cannot be deleted");
                } else {
                    run(session, listener -> listener.deleteFolder(user, name), "DELETE completed");
                }
            }
            case SUBSCRIBE, UNSUBSCRIBE -> {
                boolean subscribe = request.command() == ImapRequest.MailboxCommand.SUBSCRIBE;
                run(session, listener -> listener.setSubscribed(user, name, subscribe), request.command() + " completed");
            }
        }
    }

    void rename(ImapRequest.Rename request, ImapSession session) {
        String invalid = invalid(request.to());
        if (invalid != null) {
            session.no("CANNOT", invalid);
        } else if (MailboxNames.isInbox(request.to())) {
            session.no("ALREADYEXISTS", "INBOX always exists");
        } else {
            String user = session.user();
            run(session, listener -> listener.renameFolder(user, request.from(), request.to()), "RENAME completed");
        }
    }

    /** Calls a listener method that returns nothing, then answers OK. */
    private static void run(ImapSession session, Consumer<ImapListener> action, String done) {
        session.call(listener -> {
            action.accept(listener);
            return null;
        }, ignored -> session.ok(done));
    }

    /** Why a name cannot be a folder name, or null: wildcards, empty levels, control characters. */
    private static String invalid(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            return "Invalid mailbox name: empty hierarchy level";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '*' || c == '%') {
                return "Invalid mailbox name: wildcards are not allowed";
            }
            if (Character.isISOControl(c)) {
                return "Invalid mailbox name: control character";
            }
        }
        return null;
    }
}
