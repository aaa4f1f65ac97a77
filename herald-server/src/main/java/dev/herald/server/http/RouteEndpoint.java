package dev.herald.server.http;

import dev.herald.protocol.FormDecoder;
import dev.herald.server.HttpRoute;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The application's {@link HttpRoute}s: decodes the request for the route and sends its answer. */
final class RouteEndpoint {
    private final Map<String, HttpRoute> routes;

    RouteEndpoint(Map<String, HttpRoute> routes) {
        this.routes = routes;
    }

    /** @return false when no route lives at {@code path} */
    boolean handle(ChannelHandlerContext ctx, FullHttpRequest request, String path, String query) {
        HttpRoute route = routes.get(path);
        if (route == null) {
            return false;
        }
        String method = request.method().name();
        if (!route.methods().contains(method)) {
            RequestRouter.methodNotAllowed(ctx, request, String.join(", ", new TreeSet<>(route.methods())));
            return true;
        }
        Map<String, List<String>> form = request.content().isReadable() ? NettyHubRequest.formBody(request) : Map.of();
        HttpRoute.Response answer = route.handle(
                new HttpRoute.Request(method, path, FormDecoder.decode(query), form, NettyHubRequest.hubUrl(ctx.channel(), request)));
        Responses.send(ctx, request, Responses.response(HttpResponseStatus.valueOf(answer.status()),
                answer.contentType(), Unpooled.wrappedBuffer(answer.body())));
        return true;
    }
}
