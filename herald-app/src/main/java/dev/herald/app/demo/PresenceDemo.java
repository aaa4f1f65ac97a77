package dev.herald.app.demo;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.herald.event.TextRules;
import dev.herald.server.HttpRoute;
import dev.herald.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The live presence demo ({@code --demo}): the page at {@value #PAGE_PATH}, and {@code POST
 * }{@value #TOKEN_PATH}, which hands each tab its own short-lived token from the {@link
 * DemoIssuer}, for one room of the demo namespace and the display name it asks for.
 */
public final class PresenceDemo {
    public static final String PAGE_PATH = "/presence";
    public static final String TOKEN_PATH = "/demo/token";
    /** Rooms live under this prefix: demo tokens grant nothing else. */
    public static final String ROOM_PREFIX = "demo/presence/";
    static final int MAX_NAME_LENGTH = 40;
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private final DemoIssuer issuer;
    private final String resourceIdentifier;

    /** @param resourceIdentifier the hub's configured resource identifier, or null for the URL each request reached */
    PresenceDemo(DemoIssuer issuer, String resourceIdentifier) {
        this.issuer = issuer;
        this.resourceIdentifier = resourceIdentifier;
    }

    /** {@code config} serving the page and the token endpoint. */
    public static ServerConfig mount(ServerConfig config, DemoIssuer issuer) {
        PresenceDemo demo = new PresenceDemo(issuer, config.auth().resourceIdentifier());
        return config
                .withRoute(PAGE_PATH, HttpRoute.page(DemoPage.presenceHtml()))
                .withRoute(TOKEN_PATH, HttpRoute.of("POST", demo::token));
    }

    /** {@code room} and {@code name} form fields in; {@code {"token", "topic", "expires_in"}} out. */
    HttpRoute.Response token(HttpRoute.Request request) {
        String room = request.field("room");
        String name = request.field("name") == null ? null : request.field("name").strip();
        if (room == null || !ROOM.matcher(room).matches()) {
            return HttpRoute.Response.text(400, "room: 1 to 40 letters, digits, - or _");
        }
        if (name == null || name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH
                || TextRules.controlOrFormatProblem(name) != null) {
            return HttpRoute.Response.text(400, "name: 1 to " + MAX_NAME_LENGTH + " characters, no control characters");
        }
        String topic = ROOM_PREFIX + room;
        String audience = resourceIdentifier != null ? resourceIdentifier : request.hubUrl();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issuer.presenceToken(topic, name, audience));
        body.put("topic", topic);
        body.put("expires_in", DemoIssuer.TTL.toSeconds());
        return new HttpRoute.Response(200, "application/json",
                JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8));
    }
}
