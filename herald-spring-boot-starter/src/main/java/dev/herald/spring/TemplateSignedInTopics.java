package dev.herald.spring;

import dev.herald.servlet.SignedInTopics;
import dev.herald.topic.TopicSelector;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;

/**
 * {@code herald.auth.signed-in-topics}: topics with a {@code {user}} placeholder, filled in with
 * the signed-in user's name as a URL path segment (so that a name cannot reach another path).
 */
final class TemplateSignedInTopics implements SignedInTopics {
    static final String PLACEHOLDER = "{user}";
    private final List<String> templates;

    /** @throws IllegalArgumentException naming the property when a template is not a topic selector */
    TemplateSignedInTopics(List<String> templates) {
        for (String template : templates) {
            try {
                TopicSelector.parse(fill(template, "user"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("herald.auth.signed-in-topics: not a topic selector: " + template
                        + " (" + e.getMessage() + ")", e);
            }
        }
        this.templates = List.copyOf(templates);
    }

    @Override
    public List<String> subscribeTopics(Principal user) {
        String segment = URLEncoder.encode(user.getName(), StandardCharsets.UTF_8).replace("+", "%20");
        return templates.stream().map(t -> fill(t, segment)).toList();
    }

    private static String fill(String template, String segment) {
        return template.replace(PLACEHOLDER, segment);
    }
}
