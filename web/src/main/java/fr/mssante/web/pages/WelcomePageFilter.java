package fr.mssante.web.pages;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code /self-service/} shows the page's index.html. The static pages are served by a default servlet
 * of their own (WEB-INF/web.xml, since JAX-RS holds /*), which does not resolve welcome files; and
 * {@code /self-service} gets the trailing slash its relative links need.
 */
@WebFilter(urlPatterns = {"/self-service", "/self-service/"})
public class WelcomePageFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/self-service")) {
            String query = request.getQueryString();
            response.sendRedirect(request.getContextPath() + "/self-service/" + (query == null ? "" : "?" + query));
        } else if (path.equals("/self-service/")) {
            request.getRequestDispatcher("/self-service/index.html").forward(request, response);
        } else {
            chain.doFilter(request, response);
        }
    }
}
