package fr.mssante.web.api;

import fr.mssante.ejb.admin.Versioned;
import fr.mssante.ejb.paging.Page;
import fr.mssante.ejb.paging.PageRequest;
import fr.mssante.ejb.tenant.CanonicalDomain;
import fr.mssante.ejb.tenant.DomainView;
import fr.mssante.ejb.tenant.EstablishmentService;
import fr.mssante.ejb.tenant.EstablishmentView;
import fr.mssante.ejb.tenant.NewEstablishment;
import fr.mssante.web.security.Caller;
import fr.mssante.web.security.Roles;
import fr.mssante.web.security.TenantGuard;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import java.util.List;

/**
 * Establishments and their domains: operator administrators manage them, an establishment's
 * administrator reads their own ({@link TenantGuard}: another establishment is a 404).
 */
@RequestScoped
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.TENANT_ADMIN})
@Path("api/v1/establishments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "establishments", description = "Establishments (FINESS), their contacts and mail domains")
public class EstablishmentResource {

    @EJB
    private EstablishmentService establishments;

    @Inject
    private TenantGuard guard;

    @Inject
    private Caller caller;

    @Context
    private UriInfo uri;

    @GET
    @Operation(summary = "List establishments", description = "An establishment's administrator sees their own only")
    public Page<EstablishmentView> list(@QueryParam("q") @Parameter(description = "part of the name or FINESS") String q,
                                        @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                        @QueryParam("sort") @Parameter(description = "finess, name or createdAt; ,asc or ,desc") String sort) {
        return establishments.list(q, guard.establishmentScope(null),
                PageRequest.of(page, size, sort, "name", EstablishmentService.SORTABLE));
    }

    @POST
    @Idempotent
    @RolesAllowed(Roles.OPERATOR_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an establishment", description = "FINESS: 9 digits with a Luhn check key")
    public Response create(NewEstablishment request) {
        if (request == null) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "a JSON body {\"finess\", \"name\", \"contacts\"} is required");
        }
        Versioned<EstablishmentView> created = establishments.create(request, caller.actor());
        return EntityTags.tagged(Response.created(uri.getAbsolutePathBuilder().path(created.value().finess()).build())
                .entity(created.value()), created).build();
    }

    @GET
    @Path("{finess}")
    @Operation(summary = "One establishment, with its ETag")
    public Response get(@PathParam("finess") String finess) {
        guard.requireEstablishment(finess);
        return EntityTags.ok(establishments.get(finess));
    }

    @PATCH
    @Path("{finess}")
    @RolesAllowed(Roles.OPERATOR_ADMIN)
    @Consumes({MergePatches.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change name or contacts (JSON merge patch, RFC 7396)",
            description = "If-Match with a stale ETag: 412")
    public Response update(@PathParam("finess") String finess, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           String patch) {
        MergePatches.EstablishmentPatch changes = MergePatches.establishment(patch);
        return EntityTags.ok(establishments.update(finess, EntityTags.expectedVersion(ifMatch), changes.name(),
                changes.contacts(), caller.actor()));
    }

    @GET
    @Path("{finess}/domains")
    @Operation(summary = "The establishment's domains, with the DNS records they need (MX, SPF)")
    public List<DomainView> domains(@PathParam("finess") String finess) {
        guard.requireEstablishment(finess);
        return establishments.domains(finess);
    }

    /** The body of {@code POST .../domains}. */
    public record NewDomain(String name) {
    }

    @POST
    @Idempotent
    @Path("{finess}/domains")
    @RolesAllowed(Roles.OPERATOR_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Host a domain for the establishment")
    public Response addDomain(@PathParam("finess") String finess, NewDomain request) {
        CanonicalDomain domain = CanonicalDomain.parse(request == null ? null : request.name(), "name");
        DomainView added = establishments.addDomain(finess, domain, caller.actor());
        return Response.created(uri.getAbsolutePathBuilder().path(added.name()).build()).entity(added).build();
    }

    @DELETE
    @Path("{finess}/domains/{domain}")
    @RolesAllowed(Roles.OPERATOR_ADMIN)
    @Operation(summary = "Stop hosting a domain", description = "409 while it has mailboxes (closed ones included)")
    public Response removeDomain(@PathParam("finess") String finess, @PathParam("domain") String domain) {
        establishments.removeDomain(finess, CanonicalDomain.parse(domain, "domain"), caller.actor());
        return Response.noContent().build();
    }
}
