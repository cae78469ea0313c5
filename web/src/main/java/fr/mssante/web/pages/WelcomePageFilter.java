package fr.mssante.web.pages;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code /self-service/} and {@code /console/} show their page's index.html. The static pages are served
 * by a default servlet of their own (WEB-INF/web.xml, since JAX-RS holds /*), which does not resolve
 * welcome files; and {@code /self-service} / {@code /console} get the trailing slash their relative links
 * need. The console routes with the URL fragment (/console/#/boites/...), so its deep links all arrive here.
 */
@WebFilter(urlPatterns = {"/self-service", "/self-service/", "/console", "/console/"})
public class WelcomePageFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/self-service") || path.equals("/console")) {
            String query = request.getQueryString();
            response.sendRedirect(request.getContextPath() + path + "/" + (query == null ? "" : "?" + query));
        } else if (path.equals("/self-service/") || path.equals("/console/")) {
            if (path.equals("/console/")) {
                // index.html names its hashed bundles: always revalidated, so a deployment is picked up at once.
                response.setHeader("Cache-Control", "no-cache");
            }
            request.getRequestDispatcher(path + "index.html").forward(request, response);
        } else {
            chain.doFilter(request, response);
        }
    }
}
