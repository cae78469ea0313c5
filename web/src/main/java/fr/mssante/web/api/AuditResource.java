package fr.mssante.web.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import fr.mssante.ejb.audit.AuditAction;
import fr.mssante.ejb.audit.AuditChainVerification;
import fr.mssante.ejb.audit.AuditChainVerifier;
import fr.mssante.ejb.audit.AuditEntry;
import fr.mssante.ejb.audit.AuditQuery;
import fr.mssante.ejb.audit.AuditSearch;
import fr.mssante.ejb.paging.Page;
import fr.mssante.ejb.paging.PageRequest;
import fr.mssante.ejb.tenant.CanonicalAddress;
import fr.mssante.ejb.tenant.TenantScope;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The audit trail for administrators: searched page by page, or exported whole as CSV. An
 * establishment's administrator sees their establishment's events only ({@link TenantGuard#scope()}).
 */
@RequestScoped
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.TENANT_ADMIN})
@Path("api/v1/audit")
@Tag(name = "audit", description = "The hash-chained audit trail")
public class AuditResource {

    @EJB
    private AuditSearch audit;

    @EJB
    private AuditChainVerifier chain;

    @Inject
    private TenantGuard guard;

    /**
     * Verifies the whole trail's hash chain, e.g. after a restore (docs/operations/backup.md). Operator
     * only: the chain runs through every establishment's events, which only the operator scope sees.
     */
    @Operation(summary = "Verify the hash chain of the whole audit trail (operator)")
    @GET
    @Path("chain")
    @RolesAllowed(Roles.OPERATOR_ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public AuditChainVerification verifyChain() {
        return chain.verify();
    }

    @Operation(summary = "Search audit events (time range, actor, mailbox, type)")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Page<AuditEntry> search(@QueryParam("from") String from, @QueryParam("to") String to,
                                   @QueryParam("actor") String actor, @QueryParam("mailbox") String mailbox,
                                   @QueryParam("type") String type, @QueryParam("page") Integer page,
                                   @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, size, sort, AuditSearch.DEFAULT_SORT, AuditSearch.SORTABLE);
        return audit.search(guard.scope(), query(from, to, actor, mailbox, type), request);
    }

    /** Streamed: rows are written as the database returns them, whatever the size of the trail. */
    @Operation(summary = "Export the matching audit events as CSV (streamed)")
    @GET
    @Path("export")
    @Produces("text/csv")
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("actor") String actor, @QueryParam("mailbox") String mailbox,
                           @QueryParam("type") String type) {
        AuditQuery query = query(from, to, actor, mailbox, type);
        TenantScope scope = guard.scope();
        StreamingOutput body = out -> {
            try (AuditCsv csv = new AuditCsv(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)))) {
                audit.export(scope, query, csv::write);
            }
        };
        String file = "audit-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(OffsetDateTime.now(ZoneOffset.UTC)) + ".csv";
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    private static AuditQuery query(String from, String to, String actor, String mailbox, String type) {
        return new AuditQuery(QueryParams.instant(from, "from"), QueryParams.instant(to, "to"),
                QueryParams.text(actor), mailbox == null || mailbox.isEmpty() ? null
                : CanonicalAddress.parse(mailbox, "mailbox").value(), type(type));
    }

    private static AuditAction type(String type) {
        if (type == null || type.isEmpty()) {
            return null;
        }
        try {
            return AuditAction.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("type", "unknown event type " + type);
        }
    }
}
