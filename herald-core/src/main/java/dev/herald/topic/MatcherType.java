package dev.herald.topic;

/**
 * The topic matcher types of Mercure 1.0: the suffix of a {@code match_<type>} subscribe
 * parameter and the {@code match_type} of a grant. Names are case-sensitive.
 */
public enum MatcherType {
    /** Byte-for-byte comparison, no normalization or resolution; the default type. */
    EXACT("exact"),
    /** A WHATWG URL Pattern, relative patterns and topics resolved against the hub URL. */
    URLPATTERN("urlpattern");

    private final String canonicalName;

    MatcherType(String canonicalName) {
        this.canonicalName = canonicalName;
    }

    /** The name as the protocol spells it: {@code exact}, {@code urlpattern}. */
    public String canonicalName() {
        return canonicalName;
    }

    /** The type named exactly {@code name}, or null when the hub supports no such type. */
    public static MatcherType forName(String name) {
        for (MatcherType type : values()) {
            if (type.canonicalName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
