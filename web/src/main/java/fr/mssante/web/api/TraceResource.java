package fr.mssante.web.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import fr.mssante.ejb.tenant.CanonicalAddress;
import fr.mssante.ejb.trace.MessageTrace;
import fr.mssante.ejb.trace.TraceQuery;
import fr.mssante.ejb.trace.TraceService;
import fr.mssante.web.security.Roles;
import fr.mssante.web.security.TenantGuard;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Message trace: where a message went (ACCEPTED → QUEUED → DELIVERED → READ), from the facts the
 * platform stores, never content. An establishment's administrator sees only messages to or from their
 * mailboxes; what they may not see is simply not in the answer (no 403/404 to probe with).
 */
@RequestScoped
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.TENANT_ADMIN})
@Path("api/v1/trace")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "message trace", description = "What became of a message: accepted, queued, delivered, read (never its content)")
public class TraceResource {

    /** At most this many messages per answer, newest first; narrow the filters to see older ones. */
    static final int LIMIT = 100;
    /** Without any filter, the last day only: a trace is a search, not a dump of the mail log. */
    static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    @EJB
    private TraceService traces;

    @Inject
    private TenantGuard guard;

    @Operation(summary = "Trace messages by Message-ID, queue id, sender, recipient and time range")
    @GET
    public List<MessageTrace> trace(@QueryParam("messageId") String messageId, @QueryParam("queueId") String queueId,
                                    @QueryParam("sender") String sender, @QueryParam("recipient") String recipient,
                                    @QueryParam("from") String from, @QueryParam("to") String to) {
        OffsetDateTime since = QueryParams.instant(from, "from");
        OffsetDateTime until = QueryParams.instant(to, "to");
        String id = QueryParams.text(messageId);
        String queue = QueryParams.text(queueId);
        String senderAddress = address(sender, "sender");
        String recipientAddress = address(recipient, "recipient");
        if (id == null && queue == null && senderAddress == null && recipientAddress == null && since == null) {
            since = OffsetDateTime.now().minus(DEFAULT_WINDOW);
        }
        return traces.trace(guard.scope(), new TraceQuery(id, queue, senderAddress, recipientAddress, since, until, LIMIT));
    }

    private static String address(String raw, String field) {
        return raw == null || raw.isEmpty() ? null : CanonicalAddress.parse(raw, field).value();
    }
}
