package dev.herald.example.inbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The topic of each user's inbox. It must name the user exactly as {@code
 * herald.auth.signed-in-topics} does ({@code https://inbox.example/users/{user}}, the name as one
 * URL path segment): that is what lets a signed-in user receive their own private updates.
 */
final class InboxTopics {
    static final String PREFIX = "https://inbox.example/users/";

    private InboxTopics() {}

    static String of(String user) {
        return PREFIX + URLEncoder.encode(user, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
