package fr.mssante.ejb.mailbox.imap;

import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.ClientConnection;
import fr.mssante.connector.api.auth.Credentials;
import fr.mssante.connector.api.imap.AppendResult;
import fr.mssante.connector.api.imap.CopyResult;
import fr.mssante.connector.api.imap.FetchItem;
import fr.mssante.connector.api.imap.FlagUpdate;
import fr.mssante.connector.api.imap.FolderDelta;
import fr.mssante.connector.api.imap.FolderInfo;
import fr.mssante.connector.api.imap.FolderRef;
import fr.mssante.connector.api.imap.FolderStatus;
import fr.mssante.connector.api.imap.ImapFailure;
import fr.mssante.connector.api.imap.ImapListener;
import fr.mssante.connector.api.imap.MessageData;
import fr.mssante.connector.api.imap.QuotaInfo;
import fr.mssante.connector.api.imap.SearchKey;
import fr.mssante.connector.api.imap.SelectedFolder;
import fr.mssante.connector.api.imap.StoreResult;
import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.ejb.identity.DelegationRight;
import fr.mssante.ejb.identity.MailAuthentication;
import fr.mssante.ejb.identity.MailboxAccess;
import fr.mssante.ejb.identity.SessionPrincipal;
import fr.mssante.ejb.intake.SmtpEndpointBean;
import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantLookups;
import fr.mssante.ejb.tenant.TenantScope;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.jboss.ejb3.annotation.ResourceAdapter;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The application side of the IMAP server: the mail resource adapter calls this bean for every
 * operation on the mail store. One container-managed transaction per call, run in the tenant scope of
 * the session's mailbox (ADR 0011): an authenticated IMAP session only ever sees its own establishment's
 * rows. Authentication itself decides in {@link MailAuthentication}.
 *
 * <p>{@code user} is the session principal ({@link SessionPrincipal}): the mailbox, and for a delegate's
 * session the delegate, whose rights are read at every call (ADR 0013): without READ_WRITE every folder
 * is opened read-only and every change is refused with {@code NO [NOPERM]} (RFC 5530), so a narrowed or
 * revoked delegation applies at the delegate's next command.
 */
@MessageDriven(messageListenerInterface = ImapListener.class)
@ResourceAdapter(SmtpEndpointBean.RESOURCE_ADAPTER)
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class ImapEndpointBean implements ImapListener {

    @EJB
    private MailAuthentication authentication;

    @EJB
    private ImapFolders folders;

    @EJB
    private ImapMessages messages;

    @EJB
    private MailboxAccess access;

    @EJB
    private TenantLookups lookups;

    @Override
    public AuthOutcome authenticate(ClientConnection connection, Credentials credentials) {
        return authentication.authenticate(connection, credentials);
    }

    @Override
    public List<FolderInfo> listFolders(String user) {
        return reading(user, mailbox -> folders.list(mailbox));
    }

    @Override
    public FolderStatus status(String user, String folder) {
        return reading(user, mailbox -> folders.status(mailbox, folder));
    }

    @Override
    public void createFolder(String user, String folder) {
        writing(user, mailbox -> {
            folders.create(mailbox, folder);
            return null;
        });
    }

    @Override
    public void deleteFolder(String user, String folder) {
        writing(user, mailbox -> {
            folders.delete(mailbox, folder);
            return null;
        });
    }

    @Override
    public void renameFolder(String user, String from, String to) {
        writing(user, mailbox -> {
            folders.rename(mailbox, from, to);
            return null;
        });
    }

    @Override
    public void setSubscribed(String user, String folder, boolean subscribed) {
        writing(user, mailbox -> {
            folders.subscribe(mailbox, folder, subscribed);
            return null;
        });
    }

    @Override
    public SelectedFolder select(String user, String folder, boolean readOnly) {
        SessionPrincipal session = SessionPrincipal.parse(user);
        boolean writable = rights(session).contains(DelegationRight.READ_WRITE);
        return inMailbox(session, mailbox -> folders.select(mailbox, folder, readOnly || !writable));
    }

    @Override
    public FolderDelta changes(String user, FolderRef folder, long sinceModseq, boolean claimRecent) {
        SessionPrincipal session = SessionPrincipal.parse(user);
        boolean writable = rights(session).contains(DelegationRight.READ_WRITE);
        return inMailbox(session, mailbox -> folders.changes(mailbox, folder, sinceModseq, claimRecent && writable));
    }

    @Override
    public List<MessageData> fetch(String user, FolderRef folder, List<Long> uids, Set<FetchItem> items,
                                   Set<String> decodedSections) {
        SessionPrincipal session = SessionPrincipal.parse(user);
        Set<FetchItem> allowed = items;
        if (items.contains(FetchItem.SET_SEEN) && !rights(session).contains(DelegationRight.READ_WRITE)) {
            // RFC 3501 6.4.5: the implicit \Seen of BODY[] is not set in a read-only selection.
            allowed = EnumSet.copyOf(items);
            allowed.remove(FetchItem.SET_SEEN);
        }
        Set<FetchItem> asked = allowed;
        return reading(user, mailbox -> messages.fetch(mailbox, folder, uids, asked, decodedSections));
    }

    @Override
    public StoreResult store(String user, FolderRef folder, List<Long> uids, FlagUpdate update, long unchangedSince) {
        return writing(user, mailbox -> messages.store(mailbox, folder, uids, update, unchangedSince));
    }

    @Override
    public AppendResult append(String user, String folder, List<String> flags, OffsetDateTime internalDate,
                               MessageContent content) {
        return writing(user, mailbox -> messages.append(mailbox, folder, flags, internalDate, content));
    }

    @Override
    public CopyResult copy(String user, FolderRef source, List<Long> uids, String target, boolean move) {
        return writing(user, mailbox -> messages.copy(mailbox, source, uids, target, move));
    }

    @Override
    public List<Long> expunge(String user, FolderRef folder, List<Long> uids) {
        return writing(user, mailbox -> messages.expunge(mailbox, folder, uids));
    }

    @Override
    public List<Long> search(String user, FolderRef folder, SearchKey criteria) {
        return reading(user, mailbox -> messages.search(mailbox, folder, criteria));
    }

    @Override
    public QuotaInfo quota(String user) {
        return reading(user, mailbox -> folders.quota(mailbox));
    }

    /** An operation of a session that may read the mailbox, on the mailbox's address. */
    private <T> T reading(String user, Function<String, T> operation) {
        SessionPrincipal session = SessionPrincipal.parse(user);
        rights(session);
        return inMailbox(session, operation);
    }

    /** An operation of a session that may change the mailbox. */
    private <T> T writing(String user, Function<String, T> operation) {
        SessionPrincipal session = SessionPrincipal.parse(user);
        if (!rights(session).contains(DelegationRight.READ_WRITE)) {
            throw new ImapFailure("NOPERM", session.address() + " is delegated to you read-only");
        }
        return inMailbox(session, operation);
    }

    /** The session's current rights; a delegation revoked since login ends its access here. */
    private Set<DelegationRight> rights(SessionPrincipal session) {
        Set<DelegationRight> rights = access.rightsOf(session);
        if (!rights.contains(DelegationRight.READ)) {
            throw new ImapFailure("NOPERM", session.address() + " is no longer delegated to you");
        }
        return rights;
    }

    /** In the tenant of the session's mailbox; unknown, it gets no scope and the operation finds nothing. */
    private <T> T inMailbox(SessionPrincipal session, Function<String, T> operation) {
        TenantScope scope = lookups.tenantOfMailbox(session.address()).map(TenantScope::tenant).orElse(null);
        return ScopeContext.call(scope, () -> operation.apply(session.address()));
    }
}
