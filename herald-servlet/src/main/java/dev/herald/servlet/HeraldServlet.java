package dev.herald.servlet;

import dev.herald.hub.Hub;
import dev.herald.protocol.BadRequestException;
import dev.herald.protocol.FormDecoder;
import dev.herald.protocol.ResourceMetadata;
import dev.herald.protocol.auth.AuthException;
import dev.herald.protocol.auth.Authorizer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mercure endpoint on a Servlet container: {@code GET} (and {@code QUERY}) subscribe,
 * {@code POST} publishes. Map it at {@code /.well-known/mercure} with async support; the
 * {@link Hub} belongs to the application, which closes it after the servlet is destroyed.
 *
 * <pre>{@code
 * ServletRegistration.Dynamic mercure = context.addServlet("mercure", new HeraldServlet(hub, config));
 * mercure.setAsyncSupported(true);
 * mercure.addMapping("/.well-known/mercure");
 * }</pre>
 *
 * Failures are answered as the standalone hub answers them: a 4xx naming the problem for client
 * mistakes, with a Bearer challenge for authorization failures.
 */
public final class HeraldServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(HeraldServlet.class);
    private static final String ALLOWED = "GET, QUERY, POST, OPTIONS";

    private final transient Authorizer authorizer;
    private final transient StreamLoops loops;
    private final transient SubscribeHandler subscribe;
    private final transient PublishHandler publish;

    public HeraldServlet(Hub hub, HeraldServletConfig config) {
        this.authorizer = new Authorizer(config.auth());
        this.loops = new StreamLoops(config.streamThreads());
        this.subscribe = new SubscribeHandler(hub, authorizer, config, loops);
        this.publish = new PublishHandler(hub, authorizer, config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            switch (request.getMethod()) {
                case "GET" -> subscribe.handle(request, response, Map.of());
                case "QUERY" -> subscribe.handle(request, response, queryBody(request));
                case "POST" -> publish.handle(request, response);
                case "OPTIONS" -> {
                    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                    response.setHeader("Allow", ALLOWED);
                }
                default -> {
                    response.setHeader("Allow", ALLOWED);
                    ServletAnswers.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                            "Method not allowed: " + request.getMethod() + " (allowed: " + ALLOWED + ")");
                }
            }
        } catch (AuthException e) {
            // RFC 6750: every auth failure carries a Bearer challenge pointing to the metadata (RFC 9728)
            response.setHeader("WWW-Authenticate",
                    ResourceMetadata.challenge(e.error(), authorizer.config(), new ServletHubRequest(request)));
            ServletAnswers.error(response, e.status(), e.getMessage());
        } catch (BadRequestException e) {
            ServletAnswers.error(response, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Failed to handle {} {}", request.getMethod(), request.getRequestURI(), e);
            ServletAnswers.error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Internal error");
        }
    }

    /** The form body of a {@code QUERY} subscribe, when it has one. */
    private static Map<String, List<String>> queryBody(HttpServletRequest request) throws IOException {
        byte[] body = request.getInputStream().readNBytes(1024 * 1024 + 1);
        if (body.length > 1024 * 1024) {
            throw new BadRequestException(BadRequestException.PAYLOAD_TOO_LARGE, "Request body too large");
        }
        return body.length == 0 ? Map.of() : FormDecoder.decodeBody(request.getContentType(), body);
    }

    /** The subscriber streams this servlet holds open now. */
    public int openStreams() {
        return subscribe.openStreams();
    }

    /**
     * The first step of a graceful shutdown: new subscribe requests are answered 503, and the open
     * streams end spread evenly over {@code window} (their clients reconnect, elsewhere behind a
     * load balancer, and resume from history). Publishing goes on.
     *
     * @return completes once every stream has ended
     */
    public CompletableFuture<Void> drain(Duration window) {
        return subscribe.drain(window);
    }

    /** Ends every stream (clients reconnect, and resume from history) and stops the stream threads. */
    @Override
    public void destroy() {
        subscribe.endAll();
        loops.close();
    }
}
