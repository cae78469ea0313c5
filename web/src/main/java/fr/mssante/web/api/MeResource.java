package fr.mssante.web.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import fr.mssante.ejb.identity.AppPasswordService;
import fr.mssante.ejb.identity.AppPasswordView;
import fr.mssante.ejb.identity.CreatedAppPassword;
import fr.mssante.ejb.identity.MailboxAccess;
import fr.mssante.ejb.identity.MailboxGrant;
import fr.mssante.ejb.tenant.ScopeContext;
import fr.mssante.ejb.tenant.TenantLookups;
import fr.mssante.ejb.tenant.TenantScope;
import fr.mssante.web.security.Caller;
import fr.mssante.web.security.Roles;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/**
 * Self-service of the logged-in user: who they are, the mailboxes they own or are delegated, and the
 * app passwords of those mailboxes (one per device, shown once, revocable).
 *
 * <p>Tenant scope (ADR 0011): a practitioner's mailboxes may lie in several establishments. The list of
 * grants comes from a narrow look-up keyed by the token's national id; an operation on one mailbox runs
 * in that mailbox's establishment, and only once the grant is checked.
 */
@RequestScoped
@Path("api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "self-service", description = "A professional's own identity, mailboxes and app passwords")
public class MeResource {

    /** The caller as the self-service page shows them. */
    public record Me(String subject, String nationalId, String displayName, List<String> roles,
                     List<MailboxGrant> mailboxes) {
    }

    /** The body of an app-password creation. */
    public record NewAppPassword(String name) {
    }

    private static final int MAX_NAME = 100;

    @Inject
    private Caller caller;

    @EJB
    private MailboxAccess access;

    @EJB
    private AppPasswordService appPasswords;

    @EJB
    private TenantLookups lookups;

    @Operation(summary = "Who is calling, with their own and delegated mailboxes")
    @GET
    @RolesAllowed({Roles.PRACTITIONER, Roles.TENANT_ADMIN, Roles.OPERATOR_ADMIN})
    public Me me() {
        String nationalId = caller.nationalId();
        return new Me(caller.subject(), nationalId, caller.displayName(), caller.roles(),
                nationalId == null ? List.of() : access.grantsOf(nationalId));
    }

    @Operation(summary = "List my app passwords for a mailbox")
    @GET
    @Path("mailboxes/{address}/app-passwords")
    @RolesAllowed(Roles.PRACTITIONER)
    public List<AppPasswordView> appPasswords(@PathParam("address") String address) {
        String mailbox = granted(address);
        return ScopeContext.call(scopeOf(mailbox), () -> appPasswords.list(mailbox));
    }

    @Operation(summary = "Create an app password (shown once)")
    @POST
    @Path("mailboxes/{address}/app-passwords")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRACTITIONER)
    public Response createAppPassword(@PathParam("address") String address, NewAppPassword request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "a JSON body {\"name\": <device name, e.g. \"Thunderbird cabinet\">} is required");
        }
        if (request.name().strip().length() > MAX_NAME) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "a device name has at most " + MAX_NAME + " characters");
        }
        String mailbox = granted(address);
        CreatedAppPassword created = ScopeContext.call(scopeOf(mailbox),
                () -> appPasswords.create(mailbox, request.name().strip(), caller.nationalId(), caller.actor()));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @Operation(summary = "Revoke one of my app passwords")
    @DELETE
    @Path("mailboxes/{address}/app-passwords/{id}")
    @RolesAllowed(Roles.PRACTITIONER)
    public Response revokeAppPassword(@PathParam("address") String address, @PathParam("id") UUID id) {
        String mailbox = granted(address);
        ScopeContext.run(scopeOf(mailbox), () -> appPasswords.revoke(mailbox, id, caller.actor()));
        return Response.noContent().build();
    }

    /** The establishment of a mailbox granted to the caller. */
    private TenantScope scopeOf(String grantedMailbox) {
        return lookups.tenantOfMailbox(grantedMailbox).map(TenantScope::tenant).orElse(null);
    }

    /** The mailbox if the caller owns it or is delegated it; 403 otherwise (mailbox addresses are public). */
    private String granted(String address) {
        String nationalId = caller.nationalId();
        return access.grant(nationalId, address).map(MailboxGrant::address).orElseThrow(() -> new ProblemException(
                Response.Status.FORBIDDEN, nationalId == null
                        ? "your account has no national id (RPPS): log in through Pro Santé Connect"
                        : address + " is neither your mailbox nor delegated to you"));
    }
}
