package fr.mssante.web.api;

import fr.mssante.ejb.admin.Versioned;
import fr.mssante.ejb.mailbox.ImportReport;
import fr.mssante.ejb.mailbox.MailboxCsv;
import fr.mssante.ejb.mailbox.MailboxFilter;
import fr.mssante.ejb.mailbox.MailboxImport;
import fr.mssante.ejb.mailbox.MailboxLifecycle;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.mailbox.MailboxStatus;
import fr.mssante.ejb.mailbox.MailboxType;
import fr.mssante.ejb.mailbox.MailboxView;
import fr.mssante.ejb.mailbox.MessageSummary;
import fr.mssante.ejb.mailbox.NewMailbox;
import fr.mssante.ejb.paging.Page;
import fr.mssante.ejb.paging.PageRequest;
import fr.mssante.ejb.tenant.CanonicalAddress;
import fr.mssante.web.security.ApiScopeFilter;
import fr.mssante.ejb.tenant.CanonicalDomain;
import fr.mssante.web.security.Caller;
import fr.mssante.web.security.Roles;
import fr.mssante.web.security.TenantGuard;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Administration of mailboxes: operator administrators everywhere, establishment administrators in
 * their establishment ({@link TenantGuard}, and row-level security in the scope {@link ApiScopeFilter} sets).
 */
@RequestScoped
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.TENANT_ADMIN})
@Path("api/v1/mailboxes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "mailboxes", description = "Mailboxes (BAL PER, ORG, APP): listing, settings, life cycle, import")
public class MailboxResource {

    @EJB
    private MailboxService mailboxes;

    @EJB
    private MailboxLifecycle lifecycle;

    @EJB
    private MailboxImport imports;

    @Inject
    private TenantGuard guard;

    @Inject
    private Caller caller;

    @Context
    private UriInfo uri;

    @GET
    @Operation(summary = "List and search mailboxes",
            description = "An establishment's administrator sees their establishment's only; establishment filters operators' listings")
    public Page<MailboxView> list(@QueryParam("q") @Parameter(description = "part of the address or display name") String q,
                                  @QueryParam("type") MailboxType type,
                                  @QueryParam("status") MailboxStatus status,
                                  @QueryParam("domain") String domain,
                                  @QueryParam("establishment") @Parameter(description = "FINESS (operators)") String establishment,
                                  @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                  @QueryParam("sort") @Parameter(description = "address, displayName, createdAt or status; ,asc or ,desc") String sort) {
        PageRequest request = PageRequest.of(page, size, sort, "address", MailboxService.SORTABLE);
        String domainName = domain == null ? null : CanonicalDomain.parse(domain, "domain").name();
        return mailboxes.list(new MailboxFilter(q, type, status, domainName, guard.establishmentScope(establishment)),
                request);
    }

    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a mailbox", description = "PER: ownerNationalId required; ORG: owners; honours Idempotency-Key")
    public Response create(NewMailbox request) {
        if (request == null) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "a JSON body is required: {\"address\": ..., \"type\": \"PER\"|\"ORG\"|\"APP\"}");
        }
        CanonicalAddress address = CanonicalAddress.parse(request.address(), "address");
        guard.requireDomainForCreation(address.domain(), "address");
        MailboxView created = mailboxes.create(address, request, caller.actor());
        return Response.created(uri.getAbsolutePathBuilder().path(created.address()).build())
                .entity(created).build();
    }

    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Create mailboxes from a CSV file",
            description = "Header " + MailboxCsv.HEADER + "; dryRun=true (default) reports per line without creating; "
                    + "addresses that exist are UNCHANGED, so the same file can be sent again")
    public ImportReport importCsv(@QueryParam("dryRun") @DefaultValue("true") boolean dryRun, InputStream csv) {
        return imports.run(new InputStreamReader(csv, StandardCharsets.UTF_8), dryRun, guard.establishmentScope(null),
                caller.actor());
    }

    @PATCH
    @Path("{address}")
    @Consumes({MergePatches.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change displayName, quotaBytes, publishedInDirectory, redList, owners (JSON merge patch, RFC 7396)",
            description = "If-Match with a stale ETag: 412")
    public Response update(@PathParam("address") String address, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           String patch) {
        CanonicalAddress mailbox = MailboxPaths.owned(address, guard);
        return EntityTags.ok(mailboxes.update(mailbox, EntityTags.expectedVersion(ifMatch), MergePatches.mailbox(patch),
                caller.actor()));
    }

    /** The optional body of a life-cycle change: why, for the audit trail. */
    public record StatusChange(String reason) {
    }

    @POST
    @Path("{address}/suspend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Suspend: logins refused, new mail deferred (450 4.2.1), content kept")
    public Response suspend(@PathParam("address") String address, StatusChange request) {
        return change(address, MailboxStatus.SUSPENDED, request);
    }

    @POST
    @Path("{address}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close: logins refused, new mail refused (550 5.1.1), content purged after the retention period")
    public Response close(@PathParam("address") String address, StatusChange request) {
        return change(address, MailboxStatus.CLOSED, request);
    }

    @POST
    @Path("{address}/reactivate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reactivate a suspended or closed (not yet purged) mailbox")
    public Response reactivate(@PathParam("address") String address, StatusChange request) {
        return change(address, MailboxStatus.ACTIVE, request);
    }

    private Response change(String address, MailboxStatus next, StatusChange request) {
        Versioned<MailboxView> changed = lifecycle.change(MailboxPaths.owned(address, guard), next,
                request == null ? null : request.reason(), caller.actor());
        return EntityTags.ok(changed);
    }

    @GET
    @Path("{address}")
    @Operation(summary = "One mailbox, with its ETag")
    public Response get(@PathParam("address") String address) {
        return EntityTags.ok(mailboxes.getVersioned(MailboxPaths.owned(address, guard)));
    }

    @GET
    @Path("{address}/messages")
    public List<MessageSummary> inbox(@PathParam("address") String address,
                                      @QueryParam("offset") @DefaultValue("0") int offset,
                                      @QueryParam("limit") @DefaultValue("100") int limit) {
        if (offset < 0 || limit < 1 || limit > MailboxService.MAX_PAGE) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "offset must be >= 0 and limit between 1 and " + MailboxService.MAX_PAGE);
        }
        return mailboxes.listMessages(MailboxPaths.owned(address, guard), "INBOX", offset, limit);
    }
}
