package fr.mssante.ejb.relay;

import fr.mssante.ejb.mailbox.BlobStore;
import fr.mssante.ejb.relay.smtp.ClientTls;
import fr.mssante.ejb.relay.smtp.ConnectionPool;
import fr.mssante.ejb.relay.smtp.OutboundMessage;
import fr.mssante.ejb.relay.smtp.OutboundRecipient;
import fr.mssante.ejb.relay.smtp.PeerReply;
import fr.mssante.ejb.relay.smtp.PeerVerifier;
import fr.mssante.ejb.relay.smtp.SmtpClientConnection;
import fr.mssante.ejb.relay.smtp.SmtpFailure;
import fr.mssante.ejb.relay.smtp.TransactionResult;
import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.trust.TrustSpace;
import fr.mssante.ejb.trust.TrustedDomain;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Relays the due mail of one destination domain (ADR 0018): takes one of this node's connection permits for
 * the domain, then claims one message at a time ({@link RelayStore#claim}), sends it with all its claimed
 * recipients in one SMTP transaction, and records the outcome ({@link RelayStore#record}) right after the
 * peer's final reply, until nothing is due. Runs outside any transaction: the network conversation holds no
 * database lock or connection, and the window between the peer's 250 and our commit is one short
 * transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RelayAttempts {

    private static final Logger LOG = Logger.getLogger(RelayAttempts.class.getName());

    @EJB
    private RelayNode node;

    @EJB
    private RelayStore store;

    @EJB
    private TrustSpace trustSpace;

    @EJB
    private BlobStore blobs;

    public void relay(String domain) {
        Optional<ConnectionPool.Lease> permit = node.pool().tryAcquire(domain);
        if (permit.isEmpty()) {
            LOG.fine(() -> domain + ": this node's connections are all busy; they take the due mail in turn");
            return;
        }
        try (ConnectionPool.Lease lease = permit.get()) {
            new Run(domain, lease).work();
        }
    }

    /** One worker's turn on a domain: the connection it uses, or the failure that keeps it from having one. */
    private final class Run {

        private final String domain;
        private final ConnectionPool.Lease lease;
        private SmtpClientConnection connection;
        private SmtpFailure cannotConnect;

        Run(String domain, ConnectionPool.Lease lease) {
            this.domain = domain;
            this.lease = lease;
        }

        void work() {
            while (true) {
                Optional<Claim> claim = ScopeContext.call(RelayQueueService.SCOPE, () -> store.claim(domain));
                if (claim.isEmpty()) {
                    break;
                }
                AttemptResult result = attempt(claim.get());
                ScopeContext.run(RelayQueueService.SCOPE, () -> store.record(result));
            }
            if (connection != null) {
                lease.keep(connection);
            }
        }

        private AttemptResult attempt(Claim claim) {
            try {
                if (cannotConnect != null) {
                    // The peer was unreachable a moment ago in this turn: the other messages wait for their retry too.
                    throw cannotConnect;
                }
                SmtpClientConnection open = connection();
                TransactionResult sent = open.send(outbound(claim));
                if (open.isBroken()) {
                    connection = null;
                }
                return outcomes(claim, sent);
            } catch (SmtpFailure failure) {
                if (connection != null && connection.isBroken()) {
                    connection = null;
                }
                LOG.info(() -> claim.message().getQueueId() + " to " + domain + ": " + failure.getMessage());
                return failedAll(claim, failure);
            } catch (RuntimeException e) {
                // Reading the content or a bug: retried like a temporary failure, and visible in the queue.
                LOG.log(java.util.logging.Level.WARNING, claim.message().getQueueId() + " to " + domain, e);
                return failedAll(claim, SmtpFailure.temporary("4.3.0", "local error: " + e, null, e));
            }
        }

        private SmtpClientConnection connection() throws SmtpFailure {
            if (connection != null) {
                return connection;
            }
            Optional<SmtpClientConnection> idle = lease.reuse();
            if (idle.isPresent()) {
                if (idle.get().stillAccepted(verifier())) {
                    connection = idle.get();
                    return connection;
                }
                // Verified under an earlier whitelist that the current one contradicts: never reused.
                idle.get().quit();
            }
            try {
                connection = open();
                return connection;
            } catch (SmtpFailure failure) {
                cannotConnect = failure;
                throw failure;
            }
        }

        private SmtpClientConnection open() throws SmtpFailure {
            ClientTls tls = node.tls().orElseThrow(() -> SmtpFailure.temporary("4.7.0", "no relay certificate "
                    + "configured (" + RelaySettings.CERTIFICATE + ", " + RelaySettings.PRIVATE_KEY + ", "
                    + RelaySettings.PEER_TRUST + ")", null, null));
            return SmtpClientConnection.openFirst(node.routes().resolve(domain), node.settings().heloName(), tls,
                    node.settings().timeouts(), verifier());
        }

        /** The peer this domain's mail may go to, per the whitelist in use now (ADR 0018). */
        private PeerVerifier verifier() throws SmtpFailure {
            TrustedDomain trusted = trustSpace.lookup(domain).orElseThrow(() -> SmtpFailure.temporary("4.7.1",
                    domain + " is not in the MSSanté trust space (any more)", null, null));
            return leaf -> trusted.declares(leaf.getSubjectX500Principal()) ? null
                    : "certificate subject '" + leaf.getSubjectX500Principal().getName() + "' is not the operator "
                    + "certificate the whitelist declares for " + domain + " ('" + trusted.operatorCertificateDn() + "')";
        }

        private OutboundMessage outbound(Claim claim) {
            RelayMessage message = claim.message();
            byte[] content = blobs.read(message.getBlobSha256());
            List<OutboundRecipient> recipients = claim.recipients().stream()
                    .map(r -> new OutboundRecipient(r.getAddress(), r.getNotify(), r.getOrcpt())).toList();
            return OutboundMessage.of(message.getReversePath(), recipients, message.getDsnRet(), message.getDsnEnvid(),
                    content);
        }

        private AttemptResult outcomes(Claim claim, TransactionResult sent) {
            List<RecipientOutcome> outcomes = new ArrayList<>();
            for (RelayRecipient recipient : claim.recipients()) {
                PeerReply reply = sent.perRecipient().get(recipient.getAddress());
                RecipientOutcome.Kind kind = reply.isPositive() ? RecipientOutcome.Kind.SENT
                        : reply.isPermanent() ? RecipientOutcome.Kind.FAILED : RecipientOutcome.Kind.DEFERRED;
                outcomes.add(new RecipientOutcome(recipient.getId(), kind, reply.statusOrGeneric(), reply,
                        reply.toString(), sent.remoteMta()));
            }
            return new AttemptResult(claim.message().getId(), sent.peerDsn(), outcomes);
        }

        private AttemptResult failedAll(Claim claim, SmtpFailure failure) {
            RecipientOutcome.Kind kind = failure.permanent() ? RecipientOutcome.Kind.FAILED : RecipientOutcome.Kind.DEFERRED;
            List<RecipientOutcome> outcomes = claim.recipients().stream()
                    .map(r -> new RecipientOutcome(r.getId(), kind, failure.status(), failure.reply(),
                            failure.getMessage(), failure.remoteMta()))
                    .toList();
            return new AttemptResult(claim.message().getId(), false, outcomes);
        }
    }
}
