package fr.mssante.web.api;

import fr.mssante.ejb.mailbox.MailboxException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Every error leaves the API as {@code application/problem+json} with a message a user can act on. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getPath();
    }

    /** Refusals of the API itself. */
    @Provider
    public static class ForProblem implements ExceptionMapper<ProblemException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(ProblemException e) {
            return Problem.response(e.status(), e.getMessage(), path(uri));
        }
    }

    /** Refusals of the mailbox service. */
    @Provider
    public static class ForMailbox implements ExceptionMapper<MailboxException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(MailboxException e) {
            Response.Status status = switch (e.reason()) {
                case NOT_FOUND -> Response.Status.NOT_FOUND;
                case ALREADY_EXISTS -> Response.Status.CONFLICT;
                case INVALID -> Response.Status.BAD_REQUEST;
            };
            return Problem.response(status, e.getMessage(), path(uri));
        }
    }

    /** 404 for unknown paths, 405, 415, unreadable JSON... with the JAX-RS runtime's reason. */
    @Provider
    public static class ForWebApplication implements ExceptionMapper<WebApplicationException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(WebApplicationException e) {
            Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
            if (status == null) {
                status = Response.Status.BAD_REQUEST;
            }
            String detail = status == Response.Status.BAD_REQUEST
                    ? "malformed request: " + rootMessage(e) : e.getMessage();
            return Problem.response(status, detail, path(uri));
        }
    }

    /** A body the JSON binding could not read (syntax, unknown enum constant, wrong type). */
    @Provider
    public static class ForUnreadableBody implements ExceptionMapper<ProcessingException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(ProcessingException e) {
            return Problem.response(Response.Status.BAD_REQUEST, "malformed request body: " + rootMessage(e), path(uri));
        }
    }

    /** Anything else is our fault: log it, tell the client without leaking internals. */
    @Provider
    public static class ForUnexpected implements ExceptionMapper<Exception> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(Exception e) {
            if (e instanceof EJBException ejb && ejb.getCausedByException() instanceof MailboxException m) {
                return new ForMailbox().toResponse(m);
            }
            LOG.log(Level.SEVERE, "unexpected error on " + path(uri), e);
            return Problem.response(Response.Status.INTERNAL_SERVER_ERROR,
                    "internal error; the server log has the details", path(uri));
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? t.getMessage() : root.getMessage();
    }
}
