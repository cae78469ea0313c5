package fr.mssante.web.security;

import fr.mssante.ejb.tenant.ScopeContext;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Runs every API request in its caller's tenant scope ({@link CallerScope}). The EJBs the resources call
 * run on this thread, so each of their transactions applies the scope to its connection; the scope is
 * removed when the request ends, so a pooled worker thread never carries it to the next request.
 */
@WebFilter(urlPatterns = "/api/*")
public class ApiScopeFilter extends HttpFilter {

    @Inject
    private CallerScope callerScope;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try (ScopeContext.Entered ignored = ScopeContext.enter(callerScope.scope().orElse(null))) {
            chain.doFilter(request, response);
        }
    }
}
