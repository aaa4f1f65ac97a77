package dev.herald.protocol.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.topic.TopicSelector;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Reads the 0.x {@code mercure} claim ({@code publish}, {@code subscribe}, {@code payload}), or,
 * when absent, its namespaced form {@value #NAMESPACED_CLAIM} of the same shape.
 */
final class MercureClaimParser {
    /** Bounds the work a hostile token can cause. */
    static final int MAX_SELECTORS = 1000;
    static final String NAMESPACED_CLAIM = "https://mercure.rocks/";

    private MercureClaimParser() {}

    static Grants parse(JWTClaimsSet claims) {
        Object mercure = claims.getClaim("mercure");
        if (mercure == null) {
            mercure = claims.getClaim(NAMESPACED_CLAIM);
        }
        Date exp = claims.getExpirationTime();
        if (mercure == null) {
            return new Grants(List.of(), List.of(), null, exp == null ? null : exp.toInstant());
        }
        if (!(mercure instanceof Map<?, ?> map)) {
            throw AuthException.unauthorized("Invalid token: the mercure claim must be an object");
        }
        Object payload = map.get("payload");
        String payloadJson = null;
        if (payload != null) {
            // The serializer takes objects only: wrap the value, then cut the wrapper {"p": … } off.
            String wrapped = JSONObjectUtils.toJSONString(Map.of("p", payload));
            payloadJson = wrapped.substring("{\"p\":".length(), wrapped.length() - 1);
        }
        return new Grants(selectors(map.get("publish"), "publish"), selectors(map.get("subscribe"), "subscribe"),
                payloadJson, exp == null ? null : exp.toInstant());
    }

    private static List<TopicSelector> selectors(Object value, String name) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw AuthException.unauthorized("Invalid token: mercure." + name + " must be an array of strings");
        }
        if (list.size() > MAX_SELECTORS) {
            throw AuthException.unauthorized("Invalid token: mercure." + name + " has more than "
                    + MAX_SELECTORS + " selectors");
        }
        List<TopicSelector> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw AuthException.unauthorized("Invalid token: mercure." + name + " must be an array of strings");
            }
            try {
                out.add(TopicSelector.parse(s));
            } catch (IllegalArgumentException e) {
                throw AuthException.unauthorized("Invalid token: mercure." + name + " has an invalid selector");
            }
        }
        return out;
    }
}
