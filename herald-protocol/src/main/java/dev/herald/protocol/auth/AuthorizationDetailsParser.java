package dev.herald.protocol.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.topic.MatcherType;
import dev.herald.topic.SelectorCache;
import dev.herald.topic.TopicSelector;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Reads the Mercure authorization details ({@code type} {@value #TYPE}) of a verified 1.0 access
 * token (RFC 9396 {@code authorization_details}). Details of other types are ignored; any invalid
 * Mercure detail makes the whole token invalid.
 */
public final class AuthorizationDetailsParser {
    static final String TYPE = "https://mercure.rocks/authorization-detail";
    /** Bounds the work a hostile token can cause. */
    public static final int MAX_DETAILS = 100;
    public static final int MAX_TOPICS_PER_DETAIL = 1000;
    public static final int MAX_MATCHER_LENGTH = 2048;

    private AuthorizationDetailsParser() {}

    /** @param hubUrl the hub URL the request reached, against which URL patterns resolve */
    static Grants parse(JWTClaimsSet claims, String hubUrl, SelectorCache cache) {
        Date exp = claims.getExpirationTime();
        Object details = claims.getClaim("authorization_details");
        List<TopicSelector> publish = new ArrayList<>();
        List<TopicSelector> subscribe = new ArrayList<>();
        List<Grants.Payload> payloads = new ArrayList<>();
        if (details != null) {
            if (!(details instanceof List<?> list)) {
                throw invalid("authorization_details must be an array");
            }
            if (list.size() > MAX_DETAILS) {
                throw invalid("authorization_details has more than " + MAX_DETAILS + " entries");
            }
            for (Object entry : list) {
                if (!(entry instanceof Map<?, ?> detail)) {
                    throw invalid("an authorization detail must be an object");
                }
                if (!TYPE.equals(detail.get("type"))) {
                    continue; // another API's detail: not ours to judge
                }
                parseDetail(detail, hubUrl, cache, publish, subscribe, payloads);
            }
        }
        return new Grants(publish, subscribe, null, exp == null ? null : exp.toInstant(), payloads, true);
    }

    private static void parseDetail(Map<?, ?> detail, String hubUrl, SelectorCache cache,
            List<TopicSelector> publish, List<TopicSelector> subscribe, List<Grants.Payload> payloads) {
        if (!(detail.get("actions") instanceof List<?> actions) || actions.isEmpty()) {
            throw invalid("a Mercure authorization detail needs a non-empty actions array");
        }
        boolean mayPublish = false;
        boolean maySubscribe = false;
        for (Object action : actions) {
            if (!(action instanceof String name)) {
                throw invalid("actions must be strings");
            }
            mayPublish |= name.equals("publish");
            maySubscribe |= name.equals("subscribe"); // unknown actions grant nothing
        }
        if (!(detail.get("topics") instanceof List<?> topics) || topics.isEmpty()) {
            throw invalid("a Mercure authorization detail needs a non-empty topics array");
        }
        if (topics.size() > MAX_TOPICS_PER_DETAIL) {
            throw invalid("a Mercure authorization detail has more than " + MAX_TOPICS_PER_DETAIL + " topics");
        }
        List<TopicSelector> selectors = new ArrayList<>(topics.size());
        for (Object topic : topics) {
            selectors.add(matcher(topic, hubUrl, cache));
        }
        Object payload = detail.get("payload");
        if (payload != null && !(payload instanceof Map)) {
            throw invalid("payload must be an object");
        }
        if (mayPublish) {
            publish.addAll(selectors);
        }
        if (maySubscribe) {
            subscribe.addAll(selectors);
            if (payload != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) payload;
                payloads.add(new Grants.Payload(selectors, JSONObjectUtils.toJSONString(object)));
            }
        }
    }

    private static TopicSelector matcher(Object topic, String hubUrl, SelectorCache cache) {
        if (!(topic instanceof Map<?, ?> object)) {
            throw invalid("topics must be objects with a match member");
        }
        if (!(object.get("match") instanceof String match) || match.isEmpty()) {
            throw invalid("a topic needs a non-empty match string");
        }
        if (match.length() > MAX_MATCHER_LENGTH) {
            throw invalid("a topic matcher is longer than " + MAX_MATCHER_LENGTH + " characters");
        }
        Object typeName = object.get("match_type");
        MatcherType type = MatcherType.EXACT;
        if (typeName != null) {
            type = typeName instanceof String name ? MatcherType.forName(name) : null;
            if (type == null) {
                throw invalid("unsupported match_type (supported: exact, urlpattern)");
            }
        }
        try {
            return cache.get(type, match, hubUrl);
        } catch (IllegalArgumentException e) {
            throw invalid("a topic has an invalid " + type.canonicalName() + " matcher");
        }
    }

    private static AuthException invalid(String why) {
        return AuthException.unauthorized("Invalid token: " + why);
    }
}
