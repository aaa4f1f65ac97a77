package dev.herald.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Who may read the operator endpoints ({@code /metrics}, {@code /stats}): whoever shows the admin
 * token; without one configured, anyone in dev mode (where anyone may publish anyway) and nobody
 * otherwise. The token is compared as SHA-256 digests with {@link MessageDigest#isEqual}, which
 * takes the same time wherever the first difference lies, and digests are all one length.
 */
final class AdminAccess {
    private static final String REALM = "Bearer realm=\"herald-admin\"";

    /** Digest of the token, or null when none is configured. */
    private final byte[] token;
    private final boolean openWithoutToken;

    AdminAccess(String adminToken, boolean devMode) {
        this.token = adminToken == null ? null : sha256(adminToken);
        this.openWithoutToken = devMode;
    }

    /** True when the request may proceed; otherwise the refusal has been sent. */
    boolean allows(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (token == null) {
            if (openWithoutToken) {
                return true;
            }
            Responses.error(ctx, request, HttpResponseStatus.FORBIDDEN, "The operator endpoints need the admin token, "
                    + "and this hub has none: start it with --admin-token (env HERALD_ADMIN_TOKEN), "
                    + "or ObservabilityConfig.withAdminToken when embedded");
            return false;
        }
        List<String> headers = request.headers().getAll(HttpHeaderNames.AUTHORIZATION);
        if (headers.isEmpty()) {
            refuse(ctx, request, REALM, "The admin token is required: Authorization: Bearer <token>");
            return false;
        }
        String presented = headers.size() == 1 ? bearer(headers.get(0)) : null;
        if (presented == null || !MessageDigest.isEqual(token, sha256(presented))) {
            refuse(ctx, request, REALM + ", error=\"invalid_token\"", "Invalid admin token");
            return false;
        }
        return true;
    }

    private static String bearer(String header) {
        String prefix = "bearer ";
        if (header.length() <= prefix.length() || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        return header.substring(prefix.length()).trim();
    }

    private static void refuse(ChannelHandlerContext ctx, FullHttpRequest request, String challenge, String message) {
        FullHttpResponse response = Responses.response(HttpResponseStatus.UNAUTHORIZED, "text/plain; charset=utf-8",
                Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        Responses.send(ctx, request, response);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
