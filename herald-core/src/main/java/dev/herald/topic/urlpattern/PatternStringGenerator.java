package dev.herald.topic.urlpattern;

import java.util.List;

/** Turns a part list back into a normalized pattern string (what the URLPattern getters return). */
final class PatternStringGenerator {

    private PatternStringGenerator() {}

    static String generate(List<Part> parts, PatternOptions options) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            Part previous = i > 0 ? parts.get(i - 1) : null;
            Part next = i < parts.size() - 1 ? parts.get(i + 1) : null;
            if (part.type() == Part.Type.FIXED_TEXT) {
                if (part.modifier() == Part.Modifier.NONE) {
                    result.append(escapePatternString(part.value()));
                } else {
                    result.append('{').append(escapePatternString(part.value())).append('}')
                            .append(part.modifier().text);
                }
                continue;
            }
            boolean customName = !isAsciiDigit(part.name().charAt(0));
            boolean needsGrouping = !part.suffix().isEmpty()
                    || (!part.prefix().isEmpty() && !part.prefix().equals(options.prefix()));
            if (!needsGrouping && customName && part.type() == Part.Type.SEGMENT_WILDCARD
                    && part.modifier() == Part.Modifier.NONE && next != null
                    && next.prefix().isEmpty() && next.suffix().isEmpty()) {
                if (next.type() == Part.Type.FIXED_TEXT) {
                    needsGrouping = !next.value().isEmpty()
                            && PatternTokenizer.isValidNameCodePoint(next.value().codePointAt(0), false);
                } else {
                    needsGrouping = isAsciiDigit(next.name().charAt(0));
                }
            }
            if (!needsGrouping && part.prefix().isEmpty() && previous != null
                    && previous.type() == Part.Type.FIXED_TEXT && !previous.value().isEmpty()
                    && previous.value().endsWith(options.prefix()) && !options.prefix().isEmpty()) {
                needsGrouping = true;
            }
            if (needsGrouping) {
                result.append('{');
            }
            result.append(escapePatternString(part.prefix()));
            if (customName) {
                result.append(':').append(part.name());
            }
            if (part.type() == Part.Type.REGEXP) {
                result.append('(').append(part.value()).append(')');
            } else if (part.type() == Part.Type.SEGMENT_WILDCARD && !customName) {
                result.append('(').append(PatternParser.segmentWildcardRegexp(options)).append(')');
            } else if (part.type() == Part.Type.FULL_WILDCARD) {
                if (!customName && (previous == null || previous.type() == Part.Type.FIXED_TEXT
                        || previous.modifier() != Part.Modifier.NONE || needsGrouping
                        || !part.prefix().isEmpty())) {
                    result.append('*');
                } else {
                    result.append('(').append(PatternParser.FULL_WILDCARD_REGEXP).append(')');
                }
            }
            if (part.type() == Part.Type.SEGMENT_WILDCARD && customName && !part.suffix().isEmpty()
                    && PatternTokenizer.isValidNameCodePoint(part.suffix().codePointAt(0), false)) {
                result.append('\\');
            }
            result.append(escapePatternString(part.suffix()));
            if (needsGrouping) {
                result.append('}');
            }
            result.append(part.modifier().text);
        }
        return result.toString();
    }

    static String escapePatternString(String input) {
        StringBuilder result = new StringBuilder(input.length());
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if ("+*?:{}()\\".indexOf(c) >= 0) {
                result.append('\\');
            }
            result.append(c);
        }
        return result.toString();
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
