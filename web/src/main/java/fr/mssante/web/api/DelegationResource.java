package fr.mssante.web.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import fr.mssante.ejb.identity.DelegationRight;
import fr.mssante.ejb.identity.DelegationView;
import fr.mssante.ejb.identity.Delegations;
import fr.mssante.ejb.identity.NationalId;
import fr.mssante.ejb.tenant.CanonicalAddress;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Who besides its owner may use a mailbox, and how (ADR 0013): READ (every folder read-only over
 * IMAP), READ_WRITE (implies READ), SEND_AS (MAIL FROM the mailbox on submission).
 */
@RequestScoped
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.TENANT_ADMIN})
@Path("api/v1/mailboxes/{address}/delegations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "delegations", description = "Who else may use a mailbox, with which rights (read, read-write, send as)")
public class DelegationResource {

    /** The body of a grant; granting again replaces the rights. */
    public record NewDelegation(String nationalId, List<String> rights) {
    }

    @EJB
    private Delegations delegations;

    @Inject
    private TenantGuard guard;

    @Inject
    private Caller caller;

    @Context
    private UriInfo uri;

    @Operation(summary = "List the delegations of a mailbox")
    @GET
    public List<DelegationView> list(@PathParam("address") String address) {
        return delegations.list(MailboxPaths.owned(address, guard).value());
    }

    @Operation(summary = "Grant or replace a delegation (rights: READ, READ_WRITE, SEND_AS)")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grant(@PathParam("address") String address, NewDelegation request) {
        CanonicalAddress mailbox = MailboxPaths.owned(address, guard);
        if (request == null) {
            throw ProblemException.invalidField("nationalId", "a JSON body {\"nationalId\": ..., \"rights\": [...]} is required");
        }
        String nationalId = NationalId.parse(request.nationalId(), "nationalId");
        DelegationView granted = delegations.grant(mailbox.value(), nationalId, rights(request.rights()), caller.actor());
        return Response.created(uri.getAbsolutePathBuilder().path(nationalId).build()).entity(granted).build();
    }

    @Operation(summary = "Revoke a delegation: the delegate's sessions and app passwords stop at their next command")
    @DELETE
    @Path("{nationalId}")
    public Response revoke(@PathParam("address") String address, @PathParam("nationalId") String nationalId) {
        CanonicalAddress mailbox = MailboxPaths.owned(address, guard);
        delegations.revoke(mailbox.value(), NationalId.parse(nationalId, "nationalId"), caller.actor());
        return Response.noContent().build();
    }

    private static List<DelegationRight> rights(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ProblemException.invalidField("rights", "at least one of READ, READ_WRITE, SEND_AS");
        }
        List<DelegationRight> rights = new ArrayList<>();
        for (String right : requested) {
            try {
                rights.add(DelegationRight.valueOf(right == null ? "" : right));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("rights", "unknown right " + right + "; READ, READ_WRITE or SEND_AS");
            }
        }
        return rights;
    }
}
