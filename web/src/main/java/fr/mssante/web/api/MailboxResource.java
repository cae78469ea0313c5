package fr.mssante.web.api;

import fr.mssante.ejb.identity.ClientCertificates;
import fr.mssante.ejb.identity.MailboxAccess;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.mailbox.MailboxView;
import fr.mssante.ejb.mailbox.MessageSummary;
import fr.mssante.ejb.mailbox.NewMailbox;
import fr.mssante.ejb.tenant.CanonicalAddress;
import fr.mssante.web.security.ApiScopeFilter;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;

/**
 * Administration of mailboxes: operator administrators everywhere, establishment administrators in
 * their establishment ({@link TenantGuard}, and row-level security in the scope {@link ApiScopeFilter} sets).
 */
@RequestScoped
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.TENANT_ADMIN})
@Path("api/v1/mailboxes")
@Produces(MediaType.APPLICATION_JSON)
public class MailboxResource {

    @EJB
    private MailboxService mailboxes;

    @EJB
    private MailboxAccess access;

    @EJB
    private ClientCertificates certificates;

    @Inject
    private TenantGuard guard;

    @Inject
    private Caller caller;

    @Context
    private UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewMailbox request) {
        if (request == null) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "a JSON body is required: {\"address\": ..., \"type\": \"PER\"|\"ORG\"|\"APP\"}");
        }
        CanonicalAddress address = CanonicalAddress.parse(request.address(), "address");
        guard.requireDomainForCreation(address.domain(), "address");
        MailboxView created = mailboxes.create(address, request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.address()).build())
                .entity(created).build();
    }

    /** The body of a delegation: the professional who may use the mailbox. */
    public record NewDelegation(String nationalId) {
    }

    /**
     * A client certificate for SASL EXTERNAL, PEM encoded; {@code match} is {@code fingerprint} (this
     * certificate only, the default) or {@code subject} (this subject DN, so renewals keep working).
     */
    public record NewCertificate(String pem, String match) {
    }

    /** What was registered, for the administrator to check against the certificate they hold. */
    public record RegisteredCertificate(UUID id, String subject, String sha256Fingerprint, String match) {
    }

    @POST
    @Path("{address}/delegations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response delegate(@PathParam("address") String address, NewDelegation request) {
        if (request == null || request.nationalId() == null || request.nationalId().isBlank()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "a JSON body {\"nationalId\": ...} is required");
        }
        CanonicalAddress mailbox = mailboxAddress(address);
        access.delegate(mailbox.value(), request.nationalId().strip(), caller.actor());
        return Response.noContent().build();
    }

    @POST
    @Path("{address}/certificates")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response registerCertificate(@PathParam("address") String address, NewCertificate request) {
        if (request == null || request.pem() == null || request.pem().isBlank()) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "a JSON body {\"pem\": \"-----BEGIN CERTIFICATE-----...\", \"match\": \"fingerprint\"|\"subject\"} is required");
        }
        String match = request.match() == null ? "fingerprint" : request.match();
        if (!match.equals("fingerprint") && !match.equals("subject")) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "match must be fingerprint or subject, not " + match);
        }
        CanonicalAddress mailbox = mailboxAddress(address);
        X509Certificate certificate = PemCertificates.parse(request.pem());
        UUID id = certificates.register(mailbox.value(), certificate, match.equals("subject"), caller.actor());
        return Response.status(Response.Status.CREATED).entity(new RegisteredCertificate(id,
                certificate.getSubjectX500Principal().getName(), ClientCertificates.fingerprintOf(certificate), match))
                .build();
    }

    @GET
    @Path("{address}")
    public MailboxView get(@PathParam("address") String address) {
        return mailboxes.get(mailboxAddress(address));
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
        return mailboxes.listMessages(mailboxAddress(address), "INBOX", offset, limit);
    }

    /**
     * The mailbox a path names, canonical, once the caller may see it: the one place where this resource
     * turns request text into something an authorisation decision can trust.
     */
    private CanonicalAddress mailboxAddress(String pathSegment) {
        CanonicalAddress address = CanonicalAddress.parse(pathSegment, "address");
        guard.requireMailbox(address);
        return address;
    }
}
