package dev.herald.protocol;

import dev.herald.presence.SubscriptionTopics;
import dev.herald.protocol.presence.ActiveSubscriptions;
import dev.herald.topic.MatcherType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A request path under {@code /.well-known/mercure/subscriptions}, decoded. Every variable is
 * percent-encoded as a whole, so segments map to variables by count: none is the whole
 * collection; 1.0 paths start with a matcher type ({@code exact/{match}},
 * {@code exact/{match}/{subscriber}}); 0.x paths do not ({@code {topic}},
 * {@code {topic}/{subscriber}}). A 0.x topic spelled like a matcher type name is read as 1.0.
 *
 * @param shape which resource
 * @param matchType the 1.0 matcher type, or null
 * @param match the matcher string (0.x: the topic selector), or null for the whole collection
 * @param subscriber the subscriber id, or null for a collection
 */
public record SubscriptionsPath(Shape shape, String matchType, String match, String subscriber) {
    public enum Shape {
        ALL, MATCHER, SUBSCRIPTION, LEGACY_TOPIC, LEGACY_SUBSCRIPTION;

        public boolean legacy() {
            return this == LEGACY_TOPIC || this == LEGACY_SUBSCRIPTION;
        }

        public boolean single() {
            return this == SUBSCRIPTION || this == LEGACY_SUBSCRIPTION;
        }
    }

    /** The types a subscription document can name: 1.0's, and the 0.x URI template stand-in. */
    public static final Set<String> TYPES = Set.of(MatcherType.EXACT.canonicalName(), MatcherType.URLPATTERN.canonicalName(),
            ActiveSubscriptions.LEGACY_TEMPLATE_TYPE);

    public static boolean isUnder(String path) {
        return path.equals(SubscriptionTopics.COLLECTION) || path.startsWith(SubscriptionTopics.COLLECTION + '/');
    }

    /**
     * @return the decoded path, or null when no resource can live there (too many segments, an
     *     unknown matcher type)
     * @throws BadRequestException for an empty segment, bad percent-encoding or invalid UTF-8
     */
    public static SubscriptionsPath parse(String rawPath) {
        String rest = rawPath.substring(SubscriptionTopics.COLLECTION.length());
        if (rest.isEmpty()) {
            return new SubscriptionsPath(Shape.ALL, null, null, null);
        }
        List<String> raw = List.of(rest.substring(1).split("/", -1));
        if (raw.size() > 3) {
            return null;
        }
        String[] segments = new String[raw.size()];
        for (int i = 0; i < segments.length; i++) {
            segments[i] = decode(raw.get(i));
        }
        boolean typed = TYPES.contains(segments[0]);
        return switch (segments.length) {
            case 1 -> new SubscriptionsPath(Shape.LEGACY_TOPIC, null, segments[0], null);
            case 2 -> typed ? new SubscriptionsPath(Shape.MATCHER, segments[0], segments[1], null)
                    : new SubscriptionsPath(Shape.LEGACY_SUBSCRIPTION, null, segments[0], segments[1]);
            default -> typed ? new SubscriptionsPath(Shape.SUBSCRIPTION, segments[0], segments[1], segments[2]) : null;
        };
    }

    /**
     * The path in canonical form (each variable encoded exactly once): the resource's id and the
     * topic a token must grant, so {@code %3a} and {@code %3A} name the same resource.
     */
    public String canonical() {
        return switch (shape) {
            case ALL -> SubscriptionTopics.COLLECTION;
            case MATCHER -> SubscriptionTopics.forMatcher(matchType, match);
            case SUBSCRIPTION -> SubscriptionTopics.of(matchType, match, subscriber);
            case LEGACY_TOPIC -> SubscriptionTopics.legacyForTopic(match);
            case LEGACY_SUBSCRIPTION -> SubscriptionTopics.legacyOf(match, subscriber);
        };
    }

    /**
     * True when a segment has nothing to decode. Netty hands over the request line's bytes as
     * ISO-8859-1 characters, so raw non-ASCII bytes must go through UTF-8 decoding like escapes do.
     */
    private static boolean isPlainAscii(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Strict percent-decoding of one path segment ({@code +} is a plus sign in a path). */
    private static String decode(String segment) {
        if (segment.isEmpty()) {
            throw new BadRequestException("Empty segment in a subscriptions path");
        }
        if (isPlainAscii(segment)) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                int hi = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(segment.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new BadRequestException("Invalid percent-encoding in a subscriptions path: " + segment);
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.write(c); // the request line is ASCII: Netty read it as ISO-8859-1
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("Invalid UTF-8 in a subscriptions path segment: " + segment);
        }
    }
}
