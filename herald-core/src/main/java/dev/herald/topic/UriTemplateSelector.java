package dev.herald.topic;

import java.util.regex.Pattern;

/**
 * Matches topics against an RFC 6570 URI template (levels 1 to 4) the way Mercure does: a topic
 * matches when the template could expand to it for some variable values. The template is
 * compiled once into a {@link Pattern}; literal parts match literally.
 */
final class UriTemplateSelector implements TopicSelector {

    /**
     * Value runs allow a bare '%' to keep them plain character classes (no per-character
     * alternation, which java.util.regex matches recursively), so every '%' in the topic must
     * start a pct-encoded triplet. Literals are validated the same way at compile time.
     */
    private static final String WELL_FORMED_PERCENTS = "(?!.*%(?![0-9A-Fa-f]{2}))";
    /** Stops a triplet from straddling the end of an expression and the text after it. */
    private static final String NO_SPLIT_TRIPLET = "(?<!%)(?<!%[0-9A-Fa-f])";

    private final String source;
    private final Pattern pattern;

    private UriTemplateSelector(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /**
     * Compiles {@code template}.
     *
     * @throws IllegalArgumentException naming the template and the problem when it is malformed
     */
    static UriTemplateSelector compile(String template) {
        StringBuilder regex = new StringBuilder(WELL_FORMED_PERCENTS);
        int position = 0;
        while (position < template.length()) {
            int open = template.indexOf('{', position);
            int literalEnd = open < 0 ? template.length() : open;
            appendLiteral(regex, template, position, literalEnd);
            if (open < 0) {
                break;
            }
            int close = closingBrace(template, open);
            String body = template.substring(open + 1, close);
            TemplateExpression expression;
            try {
                expression = TemplateExpression.parse(body);
            } catch (IllegalArgumentException e) {
                throw invalid(template, e.getMessage() + " in expression {" + body + "} at index " + open);
            }
            regex.append(expression.toRegex()).append(NO_SPLIT_TRIPLET);
            position = close + 1;
        }
        return new UriTemplateSelector(template, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    private static void appendLiteral(StringBuilder regex, String template, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = template.charAt(i);
            if (c == '}') {
                throw invalid(template, "unbalanced '}' at index " + i);
            }
            if (c == '%' && !(i + 2 < end && isHex(template.charAt(i + 1)) && isHex(template.charAt(i + 2)))) {
                throw invalid(template, "'%' not followed by two hex digits at index " + i);
            }
        }
        if (start < end) {
            regex.append(Pattern.quote(template.substring(start, end)));
        }
    }

    private static int closingBrace(String template, int open) {
        for (int i = open + 1; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '}') {
                return i;
            }
            if (c == '{') {
                throw invalid(template, "nested '{' at index " + i);
            }
        }
        throw invalid(template, "unbalanced '{' at index " + open + " is never closed");
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    private static IllegalArgumentException invalid(String template, String problem) {
        return new IllegalArgumentException("invalid topic selector \"" + template + "\": " + problem);
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public boolean matches(String topic) {
        if (topic == null) {
            return false;
        }
        try {
            return pattern.matcher(new MatchBudget(topic)).matches();
        } catch (MatchBudget.Exhausted e) {
            return false;
        } catch (StackOverflowError e) {
            // java.util.regex recurses once per repetition of a group (exploded pairs, prefix
            // characters); a topic with thousands of them is hostile, not a match.
            return false;
        }
    }

    @Override
    public boolean isExact() {
        return false;
    }

    /** The compiled pattern, for diagnostics. */
    Pattern pattern() {
        return pattern;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UriTemplateSelector that && source.equals(that.source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return "UriTemplateSelector[" + source + "]";
    }
}
