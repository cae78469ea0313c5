package fr.mssante.connector.imap.sort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * THREAD=REFERENCES (RFC 5256 section 3, after Jamie Zawinski's algorithm): messages are linked through
 * their Message-ID and References (or In-Reply-To) ids, placeholders for the messages referred to but not
 * found are pruned, threads whose roots share a base subject are gathered, and every set of siblings is
 * ordered by sent date. The step numbers below are those of the RFC.
 */
public final class ReferencesThreads {

    /**
     * A message to thread.
     *
     * @param number         what the client calls it (sequence number or UID)
     * @param sent           its sent date (RFC 5256 section 2.2)
     * @param baseSubject    its base subject in the comparison form (i;ascii-casemap)
     * @param replyOrForward whether its subject is a reply or forward ({@code BaseSubject.isReplyOrForward})
     * @param messageId      its Message-ID msg-id, null when absent
     * @param references     the msg-ids of its References field or, without one, the first of In-Reply-To
     */
    public record Message(long number, Instant sent, String baseSubject, boolean replyOrForward, String messageId,
                          List<String> references) {
    }

    /** A node of the tree being built; without message it stands for a message referred to but not found. */
    private static final class Container {
        Message message;
        Container parent;
        List<Container> children = new ArrayList<>();

        boolean dummy() {
            return message == null;
        }

        /** Whether this is {@code other} or one of its ancestors: linking it under {@code other} would loop. */
        boolean isAncestorOf(Container other) {
            for (Container c = other; c != null; c = c.parent) {
                if (c == this) {
                    return true;
                }
            }
            return false;
        }

        /** The message that stands for this container: its own, or its first child's (step 5). */
        Message representative() {
            return dummy() ? children.get(0).representative() : message;
        }
    }

    private static final Comparator<Container> BY_SENT_DATE = Comparator
            .comparing((Container c) -> c.representative().sent())
            .thenComparingLong(c -> c.representative().number());

    private ReferencesThreads() {
    }

    public static List<ThreadNode> of(List<Message> messages) {
        List<Container> roots = prune(link(messages), true);
        sortSiblings(roots);
        roots = groupBySubject(roots);
        sortSiblings(roots);
        List<ThreadNode> threads = new ArrayList<>(roots.size());
        roots.forEach(root -> threads.add(node(root)));
        return threads;
    }

    /** Steps 1 and 2: the containers linked by references; the root set, in message order. */
    private static List<Container> link(List<Message> messages) {
        Map<String, Container> byId = new HashMap<>();
        List<Container> all = new ArrayList<>();
        List<Message> ordered = new ArrayList<>(messages);
        ordered.sort(Comparator.comparingLong(Message::number));
        for (Message message : ordered) {
            Container self = message.messageId() == null ? null : byId.get(message.messageId());
            if (self == null || !self.dummy()) {
                // No Message-ID, or a duplicate of one already seen: a unique id of its own (step 1).
                self = new Container();
                all.add(self);
                if (message.messageId() != null && !byId.containsKey(message.messageId())) {
                    byId.put(message.messageId(), self);
                }
            }
            self.message = message;
            // (1.A) Link each reference to the next, keeping existing links and never making a loop.
            Container previous = null;
            for (String id : message.references()) {
                Container referenced = byId.computeIfAbsent(id, key -> {
                    Container created = new Container();
                    all.add(created);
                    return created;
                });
                if (previous != null && referenced.parent == null && !referenced.isAncestorOf(previous)) {
                    adopt(previous, referenced);
                }
                previous = referenced;
            }
            // (1.B) The last reference is the parent: it replaces whatever parent the message had.
            if (self.parent != null) {
                self.parent.children.remove(self);
                self.parent = null;
            }
            if (previous != null && !self.isAncestorOf(previous)) {
                adopt(previous, self);
            }
        }
        List<Container> roots = new ArrayList<>();
        all.forEach(container -> {
            if (container.parent == null) {
                roots.add(container);
            }
        });
        return roots;
    }

    private static void adopt(Container parent, Container child) {
        child.parent = parent;
        parent.children.add(child);
    }

    /**
     * Step 4: placeholders without children go; those with children give them to their parent, except
     * at the root when there is more than one child (promoting them would split the thread).
     */
    private static List<Container> prune(List<Container> siblings, boolean root) {
        List<Container> kept = new ArrayList<>();
        for (Container container : siblings) {
            container.children = prune(container.children, false);
            container.children.forEach(child -> child.parent = container);
            if (!container.dummy() || (root && container.children.size() > 1)) {
                kept.add(container);
            } else {
                kept.addAll(container.children);
            }
        }
        return kept;
    }

    /** Steps 5 and 7: siblings by sent date, a placeholder by its first child's, deepest level first. */
    private static void sortSiblings(List<Container> siblings) {
        siblings.forEach(container -> sortSiblings(container.children));
        siblings.sort(BY_SENT_DATE);
    }

    /** Step 6: roots whose base subjects are the same become one thread. */
    private static List<Container> groupBySubject(List<Container> roots) {
        Map<String, Container> subjects = new HashMap<>();
        for (Container root : roots) {
            String subject = root.representative().baseSubject();
            if (subject.isEmpty()) {
                continue;
            }
            Container old = subjects.get(subject);
            if (old == null || (root.dummy() && !old.dummy())
                    || (old.representative().replyOrForward() && !root.representative().replyOrForward())) {
                subjects.put(subject, root);
            }
        }
        List<Container> result = new ArrayList<>(roots);
        for (Container root : roots) {
            String subject = root.representative().baseSubject();
            Container table = subjects.get(subject);
            if (subject.isEmpty() || table == root) {
                continue;
            }
            if (table.dummy() && root.dummy()) {
                root.children.forEach(child -> adopt(table, child));
            } else if (table.dummy()) {
                adopt(table, root);
            } else if (root.representative().replyOrForward() && !table.representative().replyOrForward()) {
                adopt(table, root);
            } else {
                Container both = new Container();
                result.set(result.indexOf(table), both);
                subjects.put(subject, both);
                adopt(both, table);
                adopt(both, root);
            }
            result.remove(root);
        }
        return result;
    }

    private static ThreadNode node(Container container) {
        List<ThreadNode> children = new ArrayList<>(container.children.size());
        container.children.forEach(child -> children.add(node(child)));
        return new ThreadNode(container.dummy() ? 0 : container.message.number(), children);
    }
}
