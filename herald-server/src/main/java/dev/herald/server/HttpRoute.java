package dev.herald.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * An extra resource an embedding application serves on the hub's port, mounted with {@link
 * ServerConfig#withRoute}: the CLI's demo pages, for instance. Routes see a decoded request and
 * answer with a complete response; the hub's own paths can never be shadowed by one.
 */
public interface HttpRoute {

    /** The methods it answers, upper case; any other gets 405 with an {@code Allow} header. */
    Set<String> methods();

    /** Runs on an event loop thread: it must not block. */
    Response handle(Request request);

    /**
     * One request.
     *
     * @param method upper case, e.g. {@code POST}
     * @param query the decoded query parameters, in order
     * @param form the decoded {@code application/x-www-form-urlencoded} body, or empty without a
     *     body (any other body is refused with 415 before the route sees it)
     * @param hubUrl the hub's URL as this request reached it ({@code http://<Host>/.well-known/mercure}):
     *     the default resource identifier of access tokens
     */
    record Request(String method, String path, Map<String, List<String>> query, Map<String, List<String>> form,
            String hubUrl) {

        /** The first value of a query or form field (the form wins), or null. */
        public String field(String name) {
            List<String> values = form.containsKey(name) ? form.get(name) : query.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** A complete response; the hub adds the length, {@code nosniff}, CORS headers and keep-alive. */
    record Response(int status, String contentType, byte[] body) {
        public Response {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }

        public static Response text(int status, String text) {
            return new Response(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A static HTML page answering {@code GET}. */
    static HttpRoute page(String html) {
        Response page = new Response(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        return of("GET", request -> page);
    }

    /** A route answering one method. */
    static HttpRoute of(String method, Function<Request, Response> handler) {
        Set<String> methods = Set.of(method);
        return new HttpRoute() {
            @Override
            public Set<String> methods() {
                return methods;
            }

            @Override
            public Response handle(Request request) {
                return handler.apply(request);
            }
        };
    }
}
