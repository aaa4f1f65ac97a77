package dev.herald.server.http;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.hub.Hub;
import dev.herald.protocol.FormDecoder;
import dev.herald.protocol.HubUrls;
import dev.herald.protocol.PublishForm;
import dev.herald.protocol.PublishRefusal;
import dev.herald.protocol.auth.Authorizer;
import dev.herald.protocol.auth.Grants;
import dev.herald.server.PublishRate;
import dev.herald.server.ServerConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /.well-known/mercure}: parses the form, hands the update to the hub and answers
 * with its id once the hub has stored it.
 */
final class PublishEndpoint {

    private final Hub hub;
    private final int maxTopics;

    private final Authorizer authorizer;
    /** Publishes per token subject, or null for no limit. */
    private final PublishRateLimiter rateLimiter;

    PublishEndpoint(Hub hub, ServerConfig config, Authorizer authorizer) {
        this.hub = hub;
        this.authorizer = authorizer;
        this.maxTopics = config.maxTopicsPerRequest();
        PublishRate rate = config.limits().publishRate();
        this.rateLimiter = rate == null ? null : new PublishRateLimiter(rate, System::nanoTime);
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String query) {
        NettyHubRequest view = new NettyHubRequest(ctx.channel(), request);
        String hubUrl = HubUrls.of(view);
        Grants grants = authorizer.authenticatePublisher(view, FormDecoder.decode(query), hubUrl);
        if (overRate(ctx, request, grants)) {
            return;
        }
        Update update = PublishForm.parse(NettyHubRequest.formBody(request), maxTopics, hubUrl);
        Authorizer.checkPublishScope(grants, update.topics());
        CompletableFuture<StoredUpdate> stored = hub.publish(update).toCompletableFuture();
        if (stored.isDone()) {
            // The fan-out task for this loop's subscribers is queued already. Flushing the answer
            // after it keeps the publisher's wake-up (a context switch on a busy machine) out of
            // their delivery latency; the answer is written now, so pipelined answers keep order.
            answer(ctx, request, stored, false);
            ctx.executor().execute(ctx::flush);
            return;
        }
        // Answer in order even if a client pipelines: read nothing more until this one is answered.
        ctx.channel().config().setAutoRead(false);
        stored.whenComplete((u, e) -> onEventLoop(ctx, () -> {
            ctx.channel().config().setAutoRead(true);
            answer(ctx, request, stored, true);
        }));
    }

    /**
     * Checked before the body is even parsed, so that a refused publisher costs little; counts
     * every authenticated publish, valid or not. Publishers without a token (dev mode) have no subject.
     */
    private boolean overRate(ChannelHandlerContext ctx, FullHttpRequest request, Grants grants) {
        if (rateLimiter == null || grants == null || grants.subject() == null) {
            return false;
        }
        long waitNanos = rateLimiter.tryAcquire(grants.subject());
        if (waitNanos == 0) {
            return false;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        TooManyRequests.send(ctx, request, "Publish rate exceeded for this token's subject: the limit is "
                + rateLimiter.rate() + " (publish rate)", seconds);
        return true;
    }

    private static void answer(ChannelHandlerContext ctx, FullHttpRequest request, CompletableFuture<StoredUpdate> stored,
                               boolean flush) {
        StoredUpdate update;
        try {
            update = stored.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            Responses.error(ctx, request, HttpResponseStatus.valueOf(PublishRefusal.STATUS), PublishRefusal.message(e));
            return;
        }
        FullHttpResponse response = Responses.response(HttpResponseStatus.OK, "text/plain; charset=utf-8",
                Unpooled.wrappedBuffer(update.update().id().getBytes(StandardCharsets.UTF_8)));
        if (flush) {
            Responses.send(ctx, request, response);
        } else {
            Responses.write(ctx, request, response);
        }
    }

    private static void onEventLoop(ChannelHandlerContext ctx, Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }
}
