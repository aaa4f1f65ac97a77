package dev.herald.protocol.auth;

import dev.herald.protocol.HubRequest;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The token a request carries, taken from exactly one place, in this order: the
 * {@code Authorization: Bearer} header, the {@code authorization} query parameter, the cookie.
 * When the header is present, the query parameter and the cookie are ignored.
 */
record PresentedToken(String token, Source source) {

    /** {@code LEGACY_COOKIE}: the 0.x cookie, when another name is configured; legacy tokens only. */
    enum Source { HEADER, QUERY, COOKIE, LEGACY_COOKIE }

    /** RFC 6750 {@code b64token}: the only thing a Bearer credential may be. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    /**
     * Null when the request carries no token at all.
     *
     * @throws AuthException 400 {@code invalid_request} for several {@code Authorization} headers,
     *     another scheme than Bearer, or a Bearer credential that is empty or not a b64token
     */
    static PresentedToken find(HubRequest request, Map<String, List<String>> query, AuthConfig config) {
        List<String> param = query.get("authorization");
        if (param != null && !config.allowQueryToken()) {
            throw AuthException.invalidRequest("Tokens in the URL query (authorization=) are not accepted: send "
                    + "Authorization: Bearer <token> or the cookie (0.x clients: start the hub with --allow-query-token)");
        }
        List<String> headers = request.headers("Authorization");
        if (headers.size() > 1) {
            throw AuthException.invalidRequest("More than one Authorization header");
        }
        if (headers.size() == 1) {
            String header = headers.get(0);
            if (header.length() < 6 || !header.regionMatches(true, 0, "Bearer", 0, 6)
                    || (header.length() > 6 && header.charAt(6) != ' ')) {
                throw AuthException.invalidRequest("Invalid Authorization header: use the Bearer scheme");
            }
            String token = header.substring(6).trim();
            if (token.isEmpty()) {
                throw AuthException.invalidRequest("Invalid Authorization header: the Bearer token is missing");
            }
            if (!B64TOKEN.matcher(token).matches()) {
                throw AuthException.invalidRequest("Invalid Authorization header: the Bearer token is malformed");
            }
            return new PresentedToken(token, Source.HEADER);
        }
        if (param != null && !param.isEmpty()) {
            return new PresentedToken(param.get(0), Source.QUERY);
        }
        String cookies = request.header("Cookie");
        if (cookies != null) {
            String value = CookieHeader.value(cookies, config.cookieName());
            if (value != null) {
                return new PresentedToken(value, Source.COOKIE);
            }
            value = CookieHeader.value(cookies, AuthConfig.LEGACY_COOKIE);
            if (value != null) {
                return new PresentedToken(value, Source.LEGACY_COOKIE);
            }
        }
        return null;
    }
}
