package io.mape.remote.rest.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.server.Request;

/**
 * Gives a JSON body to the bare 500 Javalin answers when a handler (the API's, an element's function on the request
 * thread, a user route) throws an {@link Error}: Javalin logs the error and writes no body. Thread-safe.
 */
public final class FatalErrorFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response);
        HttpServletResponse res = (HttpServletResponse) response;
        if (res.getStatus() == 500 && !res.isCommitted() && nothingWritten(request)) {
            res.resetBuffer();
            res.setContentType("application/json");
            res.getOutputStream().write(JsonErrorHandler.body(500, "internal error; the server logged it"));
        }
    }

    private static boolean nothingWritten(ServletRequest request) {
        Request base = Request.getBaseRequest(request);
        return base != null && base.getResponse().getHttpOutput().getWritten() == 0;
    }
}
