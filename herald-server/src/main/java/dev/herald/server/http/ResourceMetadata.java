package dev.herald.server.http;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.herald.server.auth.AuthConfig;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's OAuth 2.0 Protected Resource Metadata (RFC 9728), served at
 * {@value #PATH}, and the URL Bearer challenges point to.
 */
final class ResourceMetadata {
    static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";
    static final String PATH = WELL_KNOWN + RequestRouter.HUB_PATH;
    static final String DETAIL_TYPE = "https://mercure.rocks/authorization-detail";

    private ResourceMetadata() {}

    /** The resource identifier: configured, or the hub URL the request reached. */
    static String resource(AuthConfig config, Channel channel, HttpRequest request) {
        return config.resourceIdentifier() != null ? config.resourceIdentifier() : HubUrls.of(channel, request);
    }

    /**
     * The metadata URL derived from the resource identifier as RFC 9728 section 3.1 says: the
     * well-known segment inserted between the authority and the path.
     */
    static String url(AuthConfig config, Channel channel, HttpRequest request) {
        String resource = resource(config, channel, request);
        try {
            URI uri = new URI(resource);
            if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
                return uri.getScheme() + "://" + uri.getRawAuthority() + WELL_KNOWN + path;
            }
        } catch (URISyntaxException e) {
            // fall through: a resource identifier that is not a URL
        }
        String hub = HubUrls.of(channel, request);
        return hub.substring(0, hub.length() - RequestRouter.HUB_PATH.length()) + PATH;
    }

    /**
     * The JSON document.
     *
     * @param subscriptions whether the hub tracks active subscriptions (events and API)
     */
    static String document(AuthConfig config, Channel channel, HttpRequest request, boolean subscriptions) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("resource", resource(config, channel, request));
        if (!config.authorizationServers().isEmpty()) {
            doc.put("authorization_servers", config.authorizationServers());
        }
        doc.put("authorization_details_types_supported", List.of(DETAIL_TYPE));
        doc.put("bearer_methods_supported", List.of("header"));
        doc.put("mercure_cookie", config.cookieName());
        doc.put("mercure_matcher_types_supported", List.of("exact", "urlpattern"));
        if (subscriptions) {
            doc.put("mercure_subscriptions", true);
        }
        return JSONObjectUtils.toJSONString(doc);
    }

    /** The {@code WWW-Authenticate} value: {@code Bearer}, the error code if any, the metadata URL. */
    static String challenge(String error, AuthConfig config, Channel channel, HttpRequest request) {
        String metadata = "resource_metadata=\"" + url(config, channel, request).replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"";
        return error == null ? "Bearer " + metadata : "Bearer error=\"" + error + "\", " + metadata;
    }
}
