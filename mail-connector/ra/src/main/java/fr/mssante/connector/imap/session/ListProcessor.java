package fr.mssante.connector.imap.session;

import fr.mssante.connector.api.imap.FolderInfo;
import fr.mssante.connector.api.imap.ImapListener;
import fr.mssante.connector.imap.protocol.MailboxNames;
import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.request.ImapRequest.ListOption;
import fr.mssante.connector.imap.response.ImapResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * LIST (RFC 3501 6.3.8 with the RFC 5258 extensions: selection options SUBSCRIBED, REMOTE, SPECIAL-USE
 * (RFC 6154) and RECURSIVEMATCH, return options SUBSCRIBED, CHILDREN, SPECIAL-USE and STATUS (RFC 5819),
 * several patterns) and LSUB (6.3.9).
 *
 * <p>Attributes: {@code \HasChildren}/{@code \HasNoChildren} always (RFC 3348), the special use of the
 * folder always (RFC 6154 section 2 allows it without RETURN (SPECIAL-USE)), {@code \Subscribed} when
 * asked. A level that exists only as the parent of other folders is listed {@code \Noselect}
 * ({@code \NonExistent} in the extended syntax). Under {@code (SUBSCRIBED)} a subscribed name whose folder
 * is gone is listed {@code \NonExistent \Subscribed}, and with RECURSIVEMATCH a name with a subscribed
 * descendant gets {@code CHILDINFO ("SUBSCRIBED")}, as in the table of RFC 9051 section 6.3.9.1 (the
 * RFC 5258 rules in one place). REMOTE changes nothing: there are no remote mailboxes (RFC 5258 section 3).
 */
final class ListProcessor implements Processor<ImapRequest.ListRequest> {

    /** A name of the hierarchy: a folder, a subscribed name without folder, or a parent of either. */
    private static final class Node {
        FolderInfo folder;
        boolean subscribed;
        boolean hasChildren;
        boolean hasSubscribedChild;

        boolean exists() {
            return folder != null && folder.exists();
        }
    }

    @Override
    public void process(ImapRequest.ListRequest request, ImapSession session) {
        String command = request.lsub() ? "LSUB" : "LIST";
        if (!request.lsub() && request.patterns().size() == 1 && request.patterns().get(0).isEmpty()) {
            // LIST "" "": the hierarchy delimiter and the root (RFC 3501 6.3.8).
            session.write(new ImapResponse.ListEntry(command, List.of("\\Noselect"), "", List.of()));
            session.ok("LIST completed");
            return;
        }
        if (request.statusItems().contains(ImapRequest.StatusItem.HIGHESTMODSEQ)) {
            session.enable("CONDSTORE"); // as STATUS HIGHESTMODSEQ would (RFC 7162 section 3.1)
        }
        String user = session.user();
        session.call(listener -> responses(request, listener, user), responses -> {
            responses.forEach(session::write);
            session.ok(command + " completed");
        });
    }

    /**
     * The LIST or LSUB lines; with RETURN (STATUS ...) each selectable mailbox listed is followed by its
     * STATUS line, and {@code \NonExistent} or {@code \Noselect} names get none (RFC 5819 section 2).
     */
    private static List<ImapResponse> responses(ImapRequest.ListRequest request, ImapListener listener, String user) {
        List<FolderInfo> folders = listener.listFolders(user);
        List<MailboxPattern> patterns = new ArrayList<>();
        request.patterns().forEach(pattern -> patterns.add(new MailboxPattern(request.reference(), pattern)));
        if (request.lsub()) {
            return new ArrayList<>(lsub(folders, patterns));
        }
        List<ImapResponse> responses = new ArrayList<>();
        tree(folders).forEach((name, node) -> {
            if (matches(patterns, name)) {
                ImapResponse.ListEntry entry = listEntry(request, name, node);
                if (entry != null) {
                    responses.add(entry);
                    if (!request.statusItems().isEmpty() && node.exists()) {
                        responses.add(new ImapResponse.StatusData(name,
                                StatusProcessor.items(listener.status(user, name), request.statusItems())));
                    }
                }
            }
        });
        return responses;
    }

    /** Every name and every parent level, in listing order (INBOX first). */
    private static Map<String, Node> tree(List<FolderInfo> folders) {
        Map<String, Node> tree = new TreeMap<>(MailboxNames::compare);
        for (FolderInfo folder : folders) {
            Node self = tree.computeIfAbsent(folder.name(), name -> new Node());
            self.folder = folder;
            self.subscribed = folder.subscribed();
            for (String parent = MailboxNames.parent(folder.name()); parent != null; parent = MailboxNames.parent(parent)) {
                Node node = tree.computeIfAbsent(parent, name -> new Node());
                // \HasChildren is about existing mailboxes (RFC 5258 section 4), CHILDINFO about subscriptions.
                node.hasChildren |= folder.exists();
                node.hasSubscribedChild |= folder.subscribed();
            }
        }
        return tree;
    }

    private static ImapResponse.ListEntry listEntry(ImapRequest.ListRequest request, String name, Node node) {
        boolean bySubscription = request.selection().contains(ListOption.SUBSCRIBED);
        boolean childInfo = request.selection().contains(ListOption.RECURSIVEMATCH) && node.hasSubscribedChild;
        if (bySubscription ? !node.subscribed && !childInfo : !node.exists() && !node.hasChildren) {
            return null; // neither meets the selection criteria nor has a child that does
        }
        String specialUse = node.exists() ? node.folder.specialUse() : null;
        if (request.selection().contains(ListOption.SPECIAL_USE) && specialUse == null) {
            return null;
        }
        List<String> attributes = new ArrayList<>();
        if (!node.exists()) {
            attributes.add(request.extended() ? "\\NonExistent" : "\\Noselect");
        }
        attributes.add(node.hasChildren ? "\\HasChildren" : "\\HasNoChildren");
        if (node.subscribed && (bySubscription || request.returns().contains(ListOption.SUBSCRIBED))) {
            attributes.add("\\Subscribed");
        }
        if (specialUse != null) {
            attributes.add(specialUse);
        }
        return new ImapResponse.ListEntry("LIST", attributes, name, childInfo ? List.of("SUBSCRIBED") : List.of());
    }

    private static boolean matches(List<MailboxPattern> patterns, String name) {
        return patterns.stream().anyMatch(pattern -> pattern.matches(name));
    }

    /**
     * RFC 3501 6.3.9: the subscribed names that match, whether their folder exists or not (a name without
     * folder is {@code \Noselect}); when only a parent level of a subscribed name matches (a "%" pattern),
     * that level is listed \Noselect so that a client walking the hierarchy finds what is below.
     */
    private static List<ImapResponse.ListEntry> lsub(List<FolderInfo> folders, List<MailboxPattern> patterns) {
        Map<String, List<String>> entries = new TreeMap<>(MailboxNames::compare);
        for (FolderInfo folder : folders) {
            if (!folder.subscribed()) {
                continue;
            }
            if (matches(patterns, folder.name())) {
                entries.put(folder.name(), folder.exists() ? List.of() : List.of("\\Noselect"));
                continue;
            }
            for (String parent = MailboxNames.parent(folder.name()); parent != null; parent = MailboxNames.parent(parent)) {
                if (matches(patterns, parent)) {
                    entries.putIfAbsent(parent, List.of("\\Noselect"));
                    break;
                }
            }
        }
        List<ImapResponse.ListEntry> result = new ArrayList<>();
        entries.forEach((name, attributes) -> result.add(new ImapResponse.ListEntry("LSUB", attributes, name, List.of())));
        return result;
    }
}
