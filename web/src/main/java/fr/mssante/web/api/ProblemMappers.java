package fr.mssante.web.api;

import fr.mssante.ejb.mailbox.MailboxException;
import fr.mssante.ejb.relay.RelayQueueException;
import fr.mssante.ejb.tenant.InvalidFieldException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every error leaves the API as {@code application/problem+json} with a message a user can act on. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    /** Maps one kind of exception to a status and a detail; the problem document is built here. */
    abstract static class ProblemMapper<E extends Throwable> implements ExceptionMapper<E> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(E e) {
            return Problem.response(status(e), detail(e), uri == null ? null : uri.getRequestUri().getPath(), errors(e));
        }

        abstract Response.Status status(E e);

        List<Problem.FieldError> errors(E e) {
            return null;
        }

        String detail(E e) {
            return e.getMessage();
        }
    }

    /** Refusals of the API itself. */
    @Provider
    public static class ForProblem extends ProblemMapper<ProblemException> {
        @Override
        Response.Status status(ProblemException e) {
            return e.status();
        }

        @Override
        List<Problem.FieldError> errors(ProblemException e) {
            return e.errors();
        }
    }

    /** A request field the services refused, named for the client. */
    @Provider
    public static class ForInvalidField extends ProblemMapper<InvalidFieldException> {
        @Override
        Response.Status status(InvalidFieldException e) {
            return Response.Status.BAD_REQUEST;
        }

        @Override
        List<Problem.FieldError> errors(InvalidFieldException e) {
            return List.of(new Problem.FieldError(e.field(), e.reason()));
        }
    }

    /** Refusals of the mailbox service. */
    @Provider
    public static class ForMailbox extends ProblemMapper<MailboxException> {
        @Override
        Response.Status status(MailboxException e) {
            return statusOf(e);
        }
    }

    /** Refusals of the relay queue administration: an unknown (or hidden) entry, nothing left queued. */
    @Provider
    public static class ForRelayQueue extends ProblemMapper<RelayQueueException> {
        @Override
        Response.Status status(RelayQueueException e) {
            return switch (e.reason()) {
                case NOT_FOUND -> Response.Status.NOT_FOUND;
                case CONFLICT -> Response.Status.CONFLICT;
            };
        }
    }

    /** 404 for unknown paths, 405, 415, unreadable JSON... with the JAX-RS runtime's reason. */
    @Provider
    public static class ForWebApplication extends ProblemMapper<WebApplicationException> {
        @Override
        Response.Status status(WebApplicationException e) {
            Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
            return status == null ? Response.Status.BAD_REQUEST : status;
        }

        @Override
        String detail(WebApplicationException e) {
            return status(e) == Response.Status.BAD_REQUEST ? "malformed request: " + rootMessage(e) : e.getMessage();
        }
    }

    /** A body the JSON binding could not read (syntax, unknown enum constant, wrong type). */
    @Provider
    public static class ForUnreadableBody extends ProblemMapper<ProcessingException> {
        @Override
        Response.Status status(ProcessingException e) {
            return Response.Status.BAD_REQUEST;
        }

        @Override
        String detail(ProcessingException e) {
            return "malformed request body: " + rootMessage(e);
        }
    }

    /**
     * Anything else: a mailbox refusal the container wrapped, or our fault — logged, and told to the
     * client without internals.
     */
    @Provider
    public static class ForUnexpected extends ProblemMapper<Exception> {
        @Override
        Response.Status status(Exception e) {
            MailboxException refusal = wrappedRefusal(e);
            if (refusal != null) {
                return statusOf(refusal);
            }
            LOG.log(Level.SEVERE, "unexpected error", e);
            return Response.Status.INTERNAL_SERVER_ERROR;
        }

        @Override
        String detail(Exception e) {
            MailboxException refusal = wrappedRefusal(e);
            return refusal != null ? refusal.getMessage() : "internal error; the server log has the details";
        }

        private static MailboxException wrappedRefusal(Exception e) {
            // getCause(), not getCausedByException(): the latter casts and throws when the cause is an Error.
            return e instanceof EJBException ejb && ejb.getCause() instanceof MailboxException m ? m : null;
        }
    }

    private static Response.Status statusOf(MailboxException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case ALREADY_EXISTS, CONFLICT -> Response.Status.CONFLICT;
            case PRECONDITION_FAILED -> Response.Status.PRECONDITION_FAILED;
            case INVALID -> Response.Status.BAD_REQUEST;
        };
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? t.getMessage() : root.getMessage();
    }
}
