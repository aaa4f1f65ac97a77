package dev.herald.servlet;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.hub.Hub;
import dev.herald.protocol.BadRequestException;
import dev.herald.protocol.FormDecoder;
import dev.herald.protocol.HubUrls;
import dev.herald.protocol.PublishForm;
import dev.herald.protocol.PublishRefusal;
import dev.herald.protocol.auth.Authorizer;
import dev.herald.protocol.auth.Grants;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST}: reads the form, hands the update to the hub and answers with its id once the hub
 * has stored it, without holding a container thread while it waits.
 */
final class PublishHandler {
    private static final Logger log = LoggerFactory.getLogger(PublishHandler.class);

    private final Hub hub;
    private final Authorizer authorizer;
    private final int maxTopics;
    private final int maxBodyBytes;

    PublishHandler(Hub hub, Authorizer authorizer, HeraldServletConfig config) {
        this.hub = hub;
        this.authorizer = authorizer;
        this.maxTopics = config.maxTopicsPerRequest();
        this.maxBodyBytes = config.maxBodyBytes();
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = readBody(request);
        ServletHubRequest view = new ServletHubRequest(request);
        String hubUrl = HubUrls.of(view);
        Grants grants = authorizer.authenticatePublisher(view, FormDecoder.decode(rawQuery(request)), hubUrl);
        Update update = PublishForm.parse(FormDecoder.decodeBody(request.getContentType(), body), maxTopics, hubUrl);
        Authorizer.checkPublishScope(grants, update.topics());
        CompletableFuture<StoredUpdate> stored = hub.publish(update).toCompletableFuture();
        if (stored.isDone()) {
            answer(response, stored);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // the transport bounds its own waits
        stored.whenComplete((u, e) -> {
            try {
                answer((HttpServletResponse) async.getResponse(), stored);
            } catch (IOException | RuntimeException failure) {
                log.debug("Could not answer a publisher: {}", failure.toString());
            } finally {
                async.complete();
            }
        });
    }

    static String rawQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? "" : query;
    }

    /** @throws BadRequestException 413 past the limit, read no further */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (body.size() + n > maxBodyBytes) {
                    throw tooLarge();
                }
                body.write(buffer, 0, n);
            }
        }
        return body.toByteArray();
    }

    private BadRequestException tooLarge() {
        return new BadRequestException(BadRequestException.PAYLOAD_TOO_LARGE,
                "Request body too large: the limit is " + maxBodyBytes + " bytes");
    }

    private static void answer(HttpServletResponse response, CompletableFuture<StoredUpdate> stored)
            throws IOException {
        StoredUpdate update;
        try {
            update = stored.join();
        } catch (CompletionException | CancellationException e) {
            ServletAnswers.error(response, PublishRefusal.STATUS, PublishRefusal.message(e));
            return;
        }
        ServletAnswers.text(response, 200, update.update().id());
    }
}
