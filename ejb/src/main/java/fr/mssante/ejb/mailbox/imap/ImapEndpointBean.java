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
import fr.mssante.connector.api.imap.ImapListener;
import fr.mssante.connector.api.imap.MessageData;
import fr.mssante.connector.api.imap.QuotaInfo;
import fr.mssante.connector.api.imap.SearchKey;
import fr.mssante.connector.api.imap.SelectedFolder;
import fr.mssante.connector.api.imap.StoreResult;
import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.ejb.identity.MailAuthentication;
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
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The application side of the IMAP server: the mail resource adapter calls this bean for every
 * operation on the mail store. One container-managed transaction per call, run in the tenant scope of
 * the session's mailbox (ADR 0011): an authenticated IMAP session only ever sees its own establishment's
 * rows. Authentication itself decides in {@link MailAuthentication}.
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
    private TenantLookups lookups;

    @Override
    public AuthOutcome authenticate(ClientConnection connection, Credentials credentials) {
        return authentication.authenticate(connection, credentials);
    }

    @Override
    public List<FolderInfo> listFolders(String user) {
        return inMailbox(user, () -> folders.list(user));
    }

    @Override
    public FolderStatus status(String user, String folder) {
        return inMailbox(user, () -> folders.status(user, folder));
    }

    @Override
    public void createFolder(String user, String folder) {
        runInMailbox(user, () -> folders.create(user, folder));
    }

    @Override
    public void deleteFolder(String user, String folder) {
        runInMailbox(user, () -> folders.delete(user, folder));
    }

    @Override
    public void renameFolder(String user, String from, String to) {
        runInMailbox(user, () -> folders.rename(user, from, to));
    }

    @Override
    public void setSubscribed(String user, String folder, boolean subscribed) {
        runInMailbox(user, () -> folders.subscribe(user, folder, subscribed));
    }

    @Override
    public SelectedFolder select(String user, String folder, boolean readOnly) {
        return inMailbox(user, () -> folders.select(user, folder, readOnly));
    }

    @Override
    public FolderDelta changes(String user, FolderRef folder, long sinceModseq, boolean claimRecent) {
        return inMailbox(user, () -> folders.changes(user, folder, sinceModseq, claimRecent));
    }

    @Override
    public List<MessageData> fetch(String user, FolderRef folder, List<Long> uids, Set<FetchItem> items) {
        return inMailbox(user, () -> messages.fetch(user, folder, uids, items));
    }

    @Override
    public StoreResult store(String user, FolderRef folder, List<Long> uids, FlagUpdate update, long unchangedSince) {
        return inMailbox(user, () -> messages.store(user, folder, uids, update, unchangedSince));
    }

    @Override
    public AppendResult append(String user, String folder, List<String> flags, OffsetDateTime internalDate,
                               MessageContent content) {
        return inMailbox(user, () -> messages.append(user, folder, flags, internalDate, content));
    }

    @Override
    public CopyResult copy(String user, FolderRef source, List<Long> uids, String target, boolean move) {
        return inMailbox(user, () -> messages.copy(user, source, uids, target, move));
    }

    @Override
    public List<Long> expunge(String user, FolderRef folder, List<Long> uids) {
        return inMailbox(user, () -> messages.expunge(user, folder, uids));
    }

    @Override
    public List<Long> search(String user, FolderRef folder, SearchKey criteria) {
        return inMailbox(user, () -> messages.search(user, folder, criteria));
    }

    @Override
    public QuotaInfo quota(String user) {
        return inMailbox(user, () -> folders.quota(user));
    }

    /** The session's user is a mailbox address; unknown, it gets no scope and the operation finds nothing. */
    private <T> T inMailbox(String user, Supplier<T> operation) {
        TenantScope scope = lookups.tenantOfMailbox(user).map(TenantScope::tenant).orElse(null);
        return ScopeContext.call(scope, operation);
    }

    private void runInMailbox(String user, Runnable operation) {
        inMailbox(user, () -> {
            operation.run();
            return null;
        });
    }
}
