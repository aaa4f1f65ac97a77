package dev.herald.topic.urlpattern;

/**
 * One piece of a parsed pattern string: fixed text, or a matching group with an optional fixed
 * prefix and suffix. {@code value} is the fixed text, or the group's regexp (JavaScript syntax,
 * empty for the two wildcard types).
 */
record Part(Type type, String value, Modifier modifier, String name, String prefix, String suffix) {

    enum Type { FIXED_TEXT, REGEXP, SEGMENT_WILDCARD, FULL_WILDCARD }

    enum Modifier {
        NONE(""), OPTIONAL("?"), ZERO_OR_MORE("*"), ONE_OR_MORE("+");

        final String text;

        Modifier(String text) {
            this.text = text;
        }
    }

    static Part fixed(String value, Modifier modifier) {
        return new Part(Type.FIXED_TEXT, value, modifier, "", "", "");
    }
}
