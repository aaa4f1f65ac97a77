package dev.herald.servlet;

import dev.herald.protocol.HubRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;

/** A Servlet request as the protocol layer reads it. */
final class ServletHubRequest implements HubRequest {
    private final HttpServletRequest request;

    ServletHubRequest(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public List<String> headers(String name) {
        return Collections.list(request.getHeaders(name));
    }

    /** As the container sees it: behind a TLS-terminating proxy, configure the container to trust it. */
    @Override
    public boolean secure() {
        return request.isSecure();
    }
}
