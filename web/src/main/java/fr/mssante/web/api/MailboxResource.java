package fr.mssante.web.api;

import fr.mssante.ejb.identity.AppPasswordService;
import fr.mssante.ejb.mailbox.MailboxService;
import fr.mssante.ejb.mailbox.MailboxView;
import fr.mssante.ejb.mailbox.MessageSummary;
import fr.mssante.ejb.mailbox.NewMailbox;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
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

import java.util.List;

/** Mailboxes and their INBOX listing. */
@RequestScoped
@Path("api/v1/mailboxes")
@Produces(MediaType.APPLICATION_JSON)
public class MailboxResource {

    @EJB
    private MailboxService mailboxes;

    @EJB
    private AppPasswordService appPasswords;

    @Context
    private UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewMailbox request) {
        if (request == null) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "a JSON body is required: {\"address\": ..., \"type\": \"PER\"|\"ORG\"|\"APP\"}");
        }
        MailboxView created = mailboxes.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.address()).build())
                .entity(created).build();
    }

    /** The body of an app-password creation. */
    public record NewAppPassword(String name) {
    }

    /** The created app password: the secret is shown this once and never stored in clear. */
    public record CreatedAppPassword(String name, String password) {
    }

    @POST
    @Path("{address}/app-passwords")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createAppPassword(@PathParam("address") String address, NewAppPassword request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "a JSON body {\"name\": <device name>} is required");
        }
        String secret = appPasswords.create(address, request.name().strip());
        return Response.status(Response.Status.CREATED)
                .entity(new CreatedAppPassword(request.name().strip(), secret)).build();
    }

    @GET
    @Path("{address}")
    public MailboxView get(@PathParam("address") String address) {
        return mailboxes.get(address);
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
        return mailboxes.listMessages(address, "INBOX", offset, limit);
    }
}
