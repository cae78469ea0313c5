package fr.mssante.web.api;

import fr.mssante.ejb.admin.IdempotencyStore;
import fr.mssante.web.security.Caller;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code Idempotency-Key} on creates (IETF draft-ietf-httpapi-idempotency-key-header): the same key
 * with the same request (method, path, query, body) within 24 h replays the first successful answer,
 * status, Location and body; the same key with another request is a 422. Failed answers are not kept,
 * so a corrected request may reuse its key. Keys are per caller.
 */
@Provider
@ApplicationScoped
@Idempotent
@Priority(Priorities.USER)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {

    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;
    private static final String HASH = IdempotencyFilter.class.getName() + ".hash";
    private static final String KEY = IdempotencyFilter.class.getName() + ".key";
    private static final String STATUS = IdempotencyFilter.class.getName() + ".status";
    private static final String LOCATION = IdempotencyFilter.class.getName() + ".location";

    @EJB
    private IdempotencyStore store;

    @Inject
    private Caller caller;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null) {
            return;
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.invalidField(HEADER, "1 to " + MAX_KEY_LENGTH + " visible ASCII characters");
        }
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        byte[] hash = hash(request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath() + "?"
                + request.getUriInfo().getRequestUri().getRawQuery() + "\n", body);
        Optional<IdempotencyStore.Answer> first = store.find(caller.actor(), key);
        if (first.isPresent()) {
            if (!Arrays.equals(first.get().requestHash(), hash)) {
                request.abortWith(Problem.response(Problem.UNPROCESSABLE_CONTENT,
                        HEADER + " " + key + " was used for another request: use a new key for a new request",
                        request.getUriInfo().getRequestUri().getPath()));
                return;
            }
            Response.ResponseBuilder replay = Response.status(first.get().status())
                    .entity(first.get().body()).type(MediaType.APPLICATION_JSON_TYPE).header("Idempotent-Replayed", "true");
            if (first.get().location() != null) {
                replay.header("Location", first.get().location());
            }
            request.abortWith(replay.build());
            return;
        }
        request.setProperty(KEY, key);
        request.setProperty(HASH, hash);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(KEY) != null && response.getStatus() / 100 == 2) {
            // Writer interceptors do not see the status: hand it over through the request properties.
            request.setProperty(STATUS, response.getStatus());
            request.setProperty(LOCATION, response.getLocation() == null ? null : response.getLocation().toString());
            if (!response.hasEntity()) {
                store.save(caller.actor(), (String) request.getProperty(KEY), (byte[]) request.getProperty(HASH),
                        new IdempotencyStore.Answer(null, response.getStatus(), (String) request.getProperty(LOCATION), ""));
            }
        }
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        Object status = context.getProperty(STATUS);
        if (status == null) {
            context.proceed();
            return;
        }
        OutputStream out = context.getOutputStream();
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        context.setOutputStream(new TeeOutputStream(out, copy));
        context.proceed();
        store.save(caller.actor(), (String) context.getProperty(KEY), (byte[]) context.getProperty(HASH),
                new IdempotencyStore.Answer(null, (Integer) status, (String) context.getProperty(LOCATION),
                        copy.toString(StandardCharsets.UTF_8)));
    }

    private static byte[] hash(String request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(request.getBytes(StandardCharsets.UTF_8));
            return digest.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Writes to the client and keeps a copy. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream out;
        private final OutputStream copy;

        TeeOutputStream(OutputStream out, OutputStream copy) {
            this.out = out;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            copy.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            copy.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
