package dev.herald.presence;

import dev.herald.event.Update;
import java.nio.charset.StandardCharsets;

/**
 * The hub's subscription namespace: topics of subscription events, which are also the paths of
 * the subscriptions API. Each variable is percent-encoded exactly once, as a whole (RFC 6570
 * simple expansion: everything but unreserved characters, {@code %} included), so an encoded
 * variable never contains {@code /} and a path's segments say which variable they are.
 */
public final class SubscriptionTopics {
    /** The collection of every subscription: the hub path followed by {@code /subscriptions}. */
    public static final String COLLECTION = "/.well-known/mercure/subscriptions";
    /** The SSE event type of the hub's 1.0 subscription events; publishers may not use it. */
    public static final String EVENT_TYPE = "mercure";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SubscriptionTopics() {}

    /** {@code /.well-known/mercure/subscriptions/{match_type}/{match}}. */
    public static String forMatcher(String matchType, String match) {
        return COLLECTION + '/' + encode(matchType) + '/' + encode(match);
    }

    /** {@code /.well-known/mercure/subscriptions/{match_type}/{match}/{subscriber}}. */
    public static String of(String matchType, String match, String subscriber) {
        return forMatcher(matchType, match) + '/' + encode(subscriber);
    }

    /** 0.x: {@code /.well-known/mercure/subscriptions/{topic}}. */
    public static String legacyForTopic(String topic) {
        return COLLECTION + '/' + encode(topic);
    }

    /** 0.x: {@code /.well-known/mercure/subscriptions/{topic}/{subscriber}}. */
    public static String legacyOf(String topic, String subscriber) {
        return legacyForTopic(topic) + '/' + encode(subscriber);
    }

    /**
     * Whether a subscriber should get {@code update} given the form of hub events it reads. The
     * hub announces each subscription twice, once per protocol: the 1.0 event carries the
     * reserved {@code mercure} type, the 0.x one is a private update in the subscription
     * namespace. Publishers can produce neither (the type and the namespace are refused), so a
     * subscriber of broad scope ({@code *}) gets each change once, in its own protocol's form.
     */
    public static boolean formFits(Update update, boolean legacyReader) {
        if (!update.privateUpdate()) {
            return true;
        }
        if (EVENT_TYPE.equals(update.type())) {
            return !legacyReader;
        }
        return legacyReader || !isLegacyEvent(update);
    }

    private static boolean isLegacyEvent(Update update) {
        return update.type() == null && update.topics().size() == 1
                && update.topics().get(0).startsWith(COLLECTION + '/');
    }

    /**
     * Percent-encodes every UTF-8 byte that is not an RFC 3986 unreserved character. A variable
     * that is exactly {@code .} or {@code ..} also has its dots encoded: left as RFC 6570 leaves
     * them, it would be a dot segment, which URL parsing removes, and the topic would name another
     * path once a URL pattern resolves it.
     */
    public static String encode(String value) {
        if (value.equals(".") || value.equals("..")) {
            return value.replace(".", "%2E");
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            if (!isUnreserved(value.charAt(i))) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
                appendEncoded(out, value.substring(i));
                break;
            }
        }
        return out == null ? value : out.toString();
    }

    private static void appendEncoded(StringBuilder out, String rest) {
        for (byte b : rest.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && isUnreserved((char) c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
    }

    static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
