package fr.mssante.web.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import fr.mssante.ejb.identity.CertificateView;
import fr.mssante.ejb.identity.ClientCertificates;
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

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;

/**
 * TLS client certificates of applicative (APP) mailboxes, for SASL EXTERNAL (RFC 4422 appendix A):
 * registered by an administrator, listed with what they need to renew in time, revoked at once.
 */
@RequestScoped
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.TENANT_ADMIN})
@Path("api/v1/mailboxes/{address}/certificates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "certificates", description = "Client certificates of APP mailboxes (SASL EXTERNAL)")
public class CertificateResource {

    /**
     * A client certificate, PEM encoded; {@code match} is {@code fingerprint} (this certificate only, the
     * default) or {@code subject} (this subject DN, so renewals keep working).
     */
    public record NewCertificate(String pem, String match) {
    }

    @EJB
    private ClientCertificates certificates;

    @Inject
    private TenantGuard guard;

    @Inject
    private Caller caller;

    @Context
    private UriInfo uri;

    @Operation(summary = "List the certificates of a mailbox, with expiry (warning under 30 days)")
    @GET
    public List<CertificateView> list(@PathParam("address") String address) {
        return certificates.list(MailboxPaths.owned(address, guard).value());
    }

    @Operation(summary = "Register a PEM certificate, matched by fingerprint or by subject DN")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@PathParam("address") String address, NewCertificate request) {
        CanonicalAddress mailbox = MailboxPaths.owned(address, guard);
        if (request == null || request.pem() == null || request.pem().isBlank()) {
            throw ProblemException.invalidField("pem", "a PEM-encoded X.509 certificate is required");
        }
        String match = request.match() == null ? "fingerprint" : request.match();
        if (!match.equals("fingerprint") && !match.equals("subject")) {
            throw ProblemException.invalidField("match", "must be fingerprint or subject, not " + match);
        }
        X509Certificate certificate = PemCertificates.parse(request.pem());
        UUID id = certificates.register(mailbox.value(), certificate, match.equals("subject"), caller.actor());
        CertificateView registered = certificates.list(mailbox.value()).stream()
                .filter(c -> c.id().equals(id)).findFirst().orElseThrow();
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build()).entity(registered).build();
    }

    @Operation(summary = "Revoke a certificate: it no longer authenticates")
    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("address") String address, @PathParam("id") UUID id) {
        certificates.revoke(MailboxPaths.owned(address, guard).value(), id, caller.actor());
        return Response.noContent().build();
    }
}
