package fr.mssante.web.api;

import fr.mssante.ejb.paging.Page;
import fr.mssante.ejb.paging.PageRequest;
import fr.mssante.ejb.relay.RelayQueueAdmin;
import fr.mssante.ejb.relay.RelayQueueEntry;
import fr.mssante.ejb.relay.RelayQueueFilter;
import fr.mssante.ejb.relay.RelayRecipient;
import fr.mssante.ejb.tenant.CanonicalAddress;
import fr.mssante.ejb.tenant.CanonicalDomain;
import fr.mssante.web.security.ApiScopeFilter;
import fr.mssante.web.security.Caller;
import fr.mssante.web.security.Roles;
import fr.mssante.web.security.TenantGuard;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The outbound relay queue for administrators: what waits for another operator, what failed (the dead
 * letters), and the actions on what is still queued. An establishment's administrator sees the entries whose
 * sender belongs to their establishment only: row-level security in the scope {@link ApiScopeFilter} sets
 * (ADR 0011); another establishment's entry is the same 404 as a missing one (ADR 0014).
 */
@RequestScoped
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.TENANT_ADMIN})
@Path("api/v1/relay-queue")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "relay queue", description = "Mail waiting for other operators of the trust space: list, details, retry, bounce, delete, dead letters")
public class RelayQueueResource {

    /** The dead letters: recipients the relay gave up on (5xx, expiry) or an administrator bounced. */
    static final Set<RelayRecipient.Status> DEAD_LETTERS = EnumSet.of(RelayRecipient.Status.FAILED,
            RelayRecipient.Status.EXPIRED);

    @EJB
    private RelayQueueAdmin queue;

    @Inject
    private TenantGuard guard;

    @Inject
    private Caller caller;

    @GET
    @Operation(summary = "List relay queue entries (one per message and destination domain)",
            description = "status: recipient statuses, comma-separated (QUEUED, SENT, FAILED, EXPIRED, DELETED); "
                    + "an entry matches when one of its recipients has one of them; none = every status")
    public Page<RelayQueueEntry> list(
            @QueryParam("status") @Parameter(description = "e.g. QUEUED, or FAILED,EXPIRED for the dead letters") String status,
            @QueryParam("domain") @Parameter(description = "destination domain") String domain,
            @QueryParam("sender") String sender, @QueryParam("recipient") String recipient,
            @QueryParam("olderThan") @Parameter(description = "ISO-8601 duration since acceptance, e.g. PT4H or P1D") String olderThan,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("sort") @Parameter(description = "receivedAt (default, oldest first) or domain; ,asc or ,desc") String sort) {
        return search(statuses(status), domain, sender, recipient, olderThan, page, size, sort);
    }

    @GET
    @Path("dead-letters")
    @Operation(summary = "The dead letters: entries with a recipient FAILED or EXPIRED",
            description = "The same as status=FAILED,EXPIRED, with the other filters of the listing")
    public Page<RelayQueueEntry> deadLetters(@QueryParam("domain") String domain, @QueryParam("sender") String sender,
                                             @QueryParam("recipient") String recipient,
                                             @QueryParam("olderThan") String olderThan,
                                             @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                             @QueryParam("sort") String sort) {
        return search(DEAD_LETTERS, domain, sender, recipient, olderThan, page, size, sort);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One entry: per recipient its status, attempts, last reply or error, next attempt")
    public RelayQueueEntry get(@PathParam("id") UUID id) {
        guard.scope();
        return queue.get(id);
    }

    @POST
    @Path("{id}/retry")
    @Operation(summary = "Retry now: the queued recipients become due at once",
            description = "409 when no recipient is queued any more")
    public RelayQueueEntry retry(@PathParam("id") UUID id) {
        guard.scope();
        return queue.retry(id, caller.actor());
    }

    @POST
    @Path("{id}/bounce")
    @Operation(summary = "Bounce now: the queued recipients fail (5.0.0) and the sender gets a failure notice",
            description = "The notice honours the sender's NOTIFY and is never sent to <>; 409 when no recipient is queued")
    public RelayQueueEntry bounce(@PathParam("id") UUID id) {
        guard.scope();
        return queue.bounce(id, caller.actor());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete: the queued recipients are dropped without notice to the sender (audited)",
            description = "The entry stays visible with its recipients DELETED; 409 when no recipient is queued")
    public Response delete(@PathParam("id") UUID id) {
        guard.scope();
        queue.delete(id, caller.actor());
        return Response.noContent().build();
    }

    private Page<RelayQueueEntry> search(Set<RelayRecipient.Status> statuses, String domain, String sender,
                                         String recipient, String olderThan, Integer page, Integer size, String sort) {
        guard.scope();
        PageRequest request = PageRequest.of(page, size, sort, RelayQueueAdmin.DEFAULT_SORT, RelayQueueAdmin.SORTABLE);
        return queue.list(new RelayQueueFilter(statuses,
                domain == null || domain.isEmpty() ? null : CanonicalDomain.parse(domain, "domain").name(),
                address(sender, "sender"), address(recipient, "recipient"), duration(olderThan)), request);
    }

    private static Set<RelayRecipient.Status> statuses(String raw) {
        Set<RelayRecipient.Status> statuses = EnumSet.noneOf(RelayRecipient.Status.class);
        if (raw == null || raw.isEmpty()) {
            return statuses;
        }
        for (String name : raw.split(",", -1)) {
            try {
                statuses.add(RelayRecipient.Status.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("status",
                        "comma-separated QUEUED, SENT, FAILED, EXPIRED or DELETED, not '" + name + "'");
            }
        }
        return statuses;
    }

    private static String address(String raw, String field) {
        return raw == null || raw.isEmpty() ? null : CanonicalAddress.parse(raw, field).value();
    }

    private static Duration duration(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            Duration d = Duration.parse(raw);
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw ProblemException.invalidField("olderThan", "must be an ISO-8601 duration such as PT4H or P1D");
    }
}
