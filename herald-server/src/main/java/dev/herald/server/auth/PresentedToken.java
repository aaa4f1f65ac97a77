package dev.herald.server.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The token a request carries, taken from exactly one place, in this order: the
 * {@code Authorization: Bearer} header, the {@code authorization} query parameter, the cookie.
 */
record PresentedToken(String token, Source source) {

    enum Source { HEADER, QUERY, COOKIE }

    /** Null when the request carries no token at all. */
    static PresentedToken find(HttpRequest request, Map<String, List<String>> query, String cookieName) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header != null) {
            if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw AuthException.unauthorized("Invalid Authorization header: use the Bearer scheme");
            }
            return new PresentedToken(header.substring(7).trim(), Source.HEADER);
        }
        List<String> param = query.get("authorization");
        if (param != null && !param.isEmpty()) {
            return new PresentedToken(param.get(0), Source.QUERY);
        }
        String cookies = request.headers().get(HttpHeaderNames.COOKIE);
        if (cookies != null) {
            Set<Cookie> decoded = ServerCookieDecoder.STRICT.decode(cookies);
            for (Cookie c : decoded) {
                if (c.name().equals(cookieName)) {
                    return new PresentedToken(c.value(), Source.COOKIE);
                }
            }
        }
        return null;
    }
}
