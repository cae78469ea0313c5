package fr.mssante.web.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import java.io.IOException;

/**
 * Error page of the container's own 401/403 (no or invalid bearer token, role missing for the whole
 * API), so that every API error is {@code application/problem+json}. The OIDC mechanism has already set
 * {@code WWW-Authenticate} (RFC 6750 section 3).
 */
@WebServlet("/api-errors/*")
public class AuthErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpServletResponse.SC_UNAUTHORIZED;
        String detail = status == HttpServletResponse.SC_UNAUTHORIZED
                ? "a valid bearer token of the mssante realm is required (Authorization: Bearer <access token>)"
                : "your account may not use this API";
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Response.Status reason = Response.Status.fromStatusCode(status);
        Problem problem = new Problem("about:blank", reason.getReasonPhrase(), status, detail,
                uri == null ? null : uri.toString(), null);
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        try (Jsonb json = JsonbBuilder.create()) {
            response.getWriter().write(json.toJson(problem));
        } catch (Exception e) {
            throw new IOException("cannot write the problem document", e);
        }
    }
}
