package dev.herald.topic.urlpattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a part list into the standard's regular expression (JavaScript syntax, as the spec writes
 * it) and the list of group names in capture order. {@link JsRegexp} then translates it for RE2/J.
 */
final class RegexpGenerator {

    record Result(String regexp, List<String> names) {}

    private RegexpGenerator() {}

    static Result generate(List<Part> parts, PatternOptions options) {
        StringBuilder result = new StringBuilder("^");
        List<String> names = new ArrayList<>();
        for (Part part : parts) {
            if (part.type() == Part.Type.FIXED_TEXT) {
                if (part.modifier() == Part.Modifier.NONE) {
                    result.append(escapeRegexpString(part.value()));
                } else {
                    result.append("(?:").append(escapeRegexpString(part.value())).append(')')
                            .append(part.modifier().text);
                }
                continue;
            }
            names.add(part.name());
            String regexp = part.value();
            if (part.type() == Part.Type.SEGMENT_WILDCARD) {
                regexp = PatternParser.segmentWildcardRegexp(options);
            } else if (part.type() == Part.Type.FULL_WILDCARD) {
                regexp = PatternParser.FULL_WILDCARD_REGEXP;
            }
            boolean repeating = part.modifier() == Part.Modifier.ZERO_OR_MORE
                    || part.modifier() == Part.Modifier.ONE_OR_MORE;
            String prefix = escapeRegexpString(part.prefix());
            String suffix = escapeRegexpString(part.suffix());
            if (prefix.isEmpty() && suffix.isEmpty()) {
                if (!repeating) {
                    result.append('(').append(regexp).append(')').append(part.modifier().text);
                } else {
                    result.append("((?:").append(regexp).append(')').append(part.modifier().text).append(')');
                }
            } else if (!repeating) {
                result.append("(?:").append(prefix).append('(').append(regexp).append(')').append(suffix)
                        .append(')').append(part.modifier().text);
            } else {
                // The prefix and suffix separate repetitions but are left out before the first and
                // after the last one.
                result.append("(?:").append(prefix).append("((?:").append(regexp).append(")(?:")
                        .append(suffix).append(prefix).append("(?:").append(regexp).append("))*)")
                        .append(suffix).append(')');
                if (part.modifier() == Part.Modifier.ZERO_OR_MORE) {
                    result.append('?');
                }
            }
        }
        result.append('$');
        return new Result(result.toString(), names);
    }

    static String escapeRegexpString(String input) {
        StringBuilder result = new StringBuilder(input.length());
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (".+*?^${}()[]|/\\".indexOf(c) >= 0) {
                result.append('\\');
            }
            result.append(c);
        }
        return result.toString();
    }
}
