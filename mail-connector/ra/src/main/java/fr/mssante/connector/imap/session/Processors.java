package fr.mssante.connector.imap.session;

import fr.mssante.connector.imap.request.ImapRequest;
import fr.mssante.connector.imap.request.ImapRequest.Command;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static fr.mssante.connector.imap.session.SessionState.ANY;
import static fr.mssante.connector.imap.session.SessionState.AUTHENTICATED_ONLY;
import static fr.mssante.connector.imap.session.SessionState.AUTHENTICATED_OR_SELECTED;
import static fr.mssante.connector.imap.session.SessionState.SELECTED_ONLY;
import static fr.mssante.connector.imap.session.SessionState.UNAUTHENTICATED;

/** Which processor runs each request, and in which states it is valid (RFC 3501 section 6). */
final class Processors {

    record Entry<R extends ImapRequest>(Set<SessionState> states, Processor<R> processor) {
    }

    private final Map<Class<?>, Entry<?>> byType = new HashMap<>();
    private final Map<Command, Entry<?>> simple = new EnumMap<>(Command.class);

    Processors() {
        SimpleProcessors simpleProcessors = new SimpleProcessors();
        simple.put(Command.CAPABILITY, new Entry<>(ANY, simpleProcessors::capability));
        simple.put(Command.NOOP, new Entry<>(ANY, simpleProcessors::noop));
        simple.put(Command.LOGOUT, new Entry<>(ANY, simpleProcessors::logout));
        simple.put(Command.CHECK, new Entry<>(SELECTED_ONLY, simpleProcessors::noop));
        simple.put(Command.NAMESPACE, new Entry<>(AUTHENTICATED_OR_SELECTED, simpleProcessors::namespace));
        simple.put(Command.IDLE, new Entry<>(AUTHENTICATED_OR_SELECTED, simpleProcessors::idle));
        CloseProcessor close = new CloseProcessor();
        simple.put(Command.CLOSE, new Entry<>(SELECTED_ONLY, close::close));
        simple.put(Command.UNSELECT, new Entry<>(SELECTED_ONLY, close::unselect));
        ExpungeProcessor expunge = new ExpungeProcessor();
        simple.put(Command.EXPUNGE, new Entry<>(SELECTED_ONLY, expunge::expunge));
        register(ImapRequest.UidExpunge.class, SELECTED_ONLY, expunge::uidExpunge);

        simple.put(Command.STARTTLS, new Entry<>(UNAUTHENTICATED, new StartTlsProcessor()));
        LoginProcessor login = new LoginProcessor();
        register(ImapRequest.Login.class, UNAUTHENTICATED, login::login);
        register(ImapRequest.Authenticate.class, UNAUTHENTICATED, login::authenticate);
        register(ImapRequest.Id.class, ANY, simpleProcessors::id);
        register(ImapRequest.Enable.class, AUTHENTICATED_ONLY, simpleProcessors::enable);
        register(ImapRequest.Compress.class, AUTHENTICATED_OR_SELECTED, new CompressProcessor());

        register(ImapRequest.Select.class, AUTHENTICATED_OR_SELECTED, new SelectProcessor());
        MailboxProcessor mailboxes = new MailboxProcessor();
        register(ImapRequest.MailboxRequest.class, AUTHENTICATED_OR_SELECTED, mailboxes::mailbox);
        register(ImapRequest.Rename.class, AUTHENTICATED_OR_SELECTED, mailboxes::rename);
        register(ImapRequest.ListRequest.class, AUTHENTICATED_OR_SELECTED, new ListProcessor());
        register(ImapRequest.Status.class, AUTHENTICATED_OR_SELECTED, new StatusProcessor());
        register(ImapRequest.Append.class, AUTHENTICATED_OR_SELECTED, new AppendProcessor());
        QuotaProcessor quota = new QuotaProcessor();
        register(ImapRequest.GetQuota.class, AUTHENTICATED_OR_SELECTED, quota::getQuota);
        register(ImapRequest.GetQuotaRoot.class, AUTHENTICATED_OR_SELECTED, quota::getQuotaRoot);
        register(ImapRequest.SetQuota.class, AUTHENTICATED_OR_SELECTED, quota::setQuota);

        register(ImapRequest.Fetch.class, SELECTED_ONLY, new FetchProcessor());
        register(ImapRequest.Store.class, SELECTED_ONLY, new StoreProcessor());
        register(ImapRequest.Copy.class, SELECTED_ONLY, new CopyProcessor());
        register(ImapRequest.Search.class, SELECTED_ONLY, new SearchProcessor());
        register(ImapRequest.Sort.class, SELECTED_ONLY, new SortProcessor());
        register(ImapRequest.Thread.class, SELECTED_ONLY, new ThreadProcessor());
    }

    private <R extends ImapRequest> void register(Class<R> type, Set<SessionState> states, Processor<R> processor) {
        byType.put(type, new Entry<>(states, processor));
    }

    /** Every request type has an entry: the parser produces no other. */
    @SuppressWarnings("unchecked")
    <R extends ImapRequest> Entry<R> find(R request) {
        Entry<?> entry = request instanceof ImapRequest.Simple s ? simple.get(s.command()) : byType.get(request.getClass());
        if (entry == null) {
            throw new IllegalStateException("No processor for " + request.getClass().getName());
        }
        return (Entry<R>) entry;
    }
}
