package dev.herald.protocol;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.herald.protocol.auth.AuthConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's OAuth 2.0 Protected Resource Metadata (RFC 9728), served at
 * {@value #PATH}, and the URL Bearer challenges point to.
 */
public final class ResourceMetadata {
    public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";
    public static final String PATH = WELL_KNOWN + HubUrls.HUB_PATH;
    static final String DETAIL_TYPE = "https://mercure.rocks/authorization-detail";

    private ResourceMetadata() {}

    /** The resource identifier: configured, or the hub URL the request reached. */
    public static String resource(AuthConfig config, HubRequest request) {
        return config.resourceIdentifier() != null ? config.resourceIdentifier() : HubUrls.of(request);
    }

    /**
     * The metadata URL derived from the resource identifier as RFC 9728 section 3.1 says: the
     * well-known segment inserted between the authority and the path.
     */
    public static String url(AuthConfig config, HubRequest request) {
        String resource = resource(config, request);
        try {
            URI uri = new URI(resource);
            if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
                return uri.getScheme() + "://" + uri.getRawAuthority() + WELL_KNOWN + path;
            }
        } catch (URISyntaxException e) {
            // fall through: a resource identifier that is not a URL
        }
        String hub = HubUrls.of(request);
        return hub.substring(0, hub.length() - HubUrls.HUB_PATH.length()) + PATH;
    }

    /**
     * The JSON document.
     *
     * @param subscriptions whether the hub tracks active subscriptions (events and API)
     */
    public static String document(AuthConfig config, HubRequest request, boolean subscriptions) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("resource", resource(config, request));
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
    public static String challenge(String error, AuthConfig config, HubRequest request) {
        String metadata = "resource_metadata=\"" + url(config, request).replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"";
        return error == null ? "Bearer " + metadata : "Bearer error=\"" + error + "\", " + metadata;
    }
}
