package dev.herald.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hub's {@code GET /stats} document, parsed: tests compare numbers, not substrings (a
 * {@code contains("\"subscribers\":1")} also matches 10 to 19).
 *
 * @param subscribers open subscriptions
 * @param subscribersByTopic open subscriptions per topic selector
 * @param updatesPublished updates the hub accepted
 * @param slowSubscribersDisconnected subscribers cut off for falling behind
 */
public record HubStats(int subscribers, Map<String, Integer> subscribersByTopic, long updatesPublished,
        long slowSubscribersDisconnected) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public HubStats {
        subscribersByTopic = Map.copyOf(subscribersByTopic);
    }

    /** Parses a {@code /stats} body; fails the test if a field is missing or not a whole number. */
    public static HubStats parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("/stats is not JSON: " + json, e);
        }
        if (root == null || !root.isObject()) {
            throw new AssertionError("/stats is not a JSON object: " + json);
        }
        JsonNode byTopic = root.get("subscribersByTopic");
        if (byTopic == null || !byTopic.isObject()) {
            throw new AssertionError("/stats has no object subscribersByTopic: " + json);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        byTopic.properties().forEach(e -> counts.put(e.getKey(), (int) whole(e.getValue(), e.getKey(), json)));
        return new HubStats((int) whole(root.get("subscribers"), "subscribers", json), counts,
                whole(root.get("updatesPublished"), "updatesPublished", json),
                whole(root.get("slowSubscribersDisconnected"), "slowSubscribersDisconnected", json));
    }

    private static long whole(JsonNode node, String name, String json) {
        if (node == null || !node.isIntegralNumber()) {
            throw new AssertionError("/stats field " + name + " is missing or not a whole number: " + json);
        }
        return node.asLong();
    }
}
