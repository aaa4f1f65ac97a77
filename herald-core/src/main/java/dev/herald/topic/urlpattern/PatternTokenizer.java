package dev.herald.topic.urlpattern;

import java.util.ArrayList;
import java.util.List;

/** URL Pattern's tokenizer: splits a pattern string into tokens, positions in code points. */
final class PatternTokenizer {

    enum Type { OPEN, CLOSE, REGEXP, NAME, CHAR, ESCAPED_CHAR, OTHER_MODIFIER, ASTERISK, END, INVALID_CHAR }

    /** A token; {@code index} is the code point position of its first code point in the input. */
    record Token(Type type, int index, String value) {}

    private final int[] input;
    private final boolean strict;
    private final List<Token> tokens = new ArrayList<>();
    private int index;
    private int nextIndex;
    private int codePoint;

    private PatternTokenizer(int[] input, boolean strict) {
        this.input = input;
        this.strict = strict;
    }

    /**
     * Tokenizes {@code input}. With {@code strict}, a tokenizing error throws; otherwise the
     * offending code points become an invalid-char token, as the constructor string parser needs.
     */
    static List<Token> tokenize(String input, boolean strict) {
        PatternTokenizer tokenizer = new PatternTokenizer(input.codePoints().toArray(), strict);
        tokenizer.run();
        return tokenizer.tokens;
    }

    private void run() {
        while (index < input.length) {
            seekAndGetNext(index);
            switch (codePoint) {
                case '*': addDefault(Type.ASTERISK); continue;
                case '+':
                case '?': addDefault(Type.OTHER_MODIFIER); continue;
                case '{': addDefault(Type.OPEN); continue;
                case '}': addDefault(Type.CLOSE); continue;
                case '\\': escapedChar(); continue;
                case ':': name(); continue;
                case '(': regexp(); continue;
                default: addDefault(Type.CHAR);
            }
        }
        add(Type.END, index, index, 0);
    }

    private void escapedChar() {
        if (index == input.length - 1) {
            error(nextIndex, index, "a pattern must not end with a lone '\\'");
            return;
        }
        int escapedIndex = nextIndex;
        getNext();
        add(Type.ESCAPED_CHAR, nextIndex, escapedIndex, nextIndex - escapedIndex);
    }

    private void name() {
        int namePosition = nextIndex;
        int nameStart = namePosition;
        while (namePosition < input.length) {
            seekAndGetNext(namePosition);
            if (!isValidNameCodePoint(codePoint, namePosition == nameStart)) {
                break;
            }
            namePosition = nextIndex;
        }
        if (namePosition <= nameStart) {
            error(nameStart, index, "':' must be followed by a group name");
            return;
        }
        add(Type.NAME, namePosition, nameStart, namePosition - nameStart);
    }

    private void regexp() {
        int depth = 1;
        int regexpPosition = nextIndex;
        int regexpStart = regexpPosition;
        while (regexpPosition < input.length) {
            seekAndGetNext(regexpPosition);
            if (codePoint >= 0x80) {
                error(regexpStart, index, "a regexp group must contain only ASCII characters");
                return;
            }
            if (regexpPosition == regexpStart && codePoint == '?') {
                error(regexpStart, index, "a regexp group must not start with '?'");
                return;
            }
            if (codePoint == '\\') {
                if (regexpPosition == input.length - 1) {
                    error(regexpStart, index, "a regexp group must not end with a lone '\\'");
                    return;
                }
                getNext();
                if (codePoint >= 0x80) {
                    error(regexpStart, index, "a regexp group must contain only ASCII characters");
                    return;
                }
                regexpPosition = nextIndex;
                continue;
            }
            if (codePoint == ')') {
                depth--;
                if (depth == 0) {
                    regexpPosition = nextIndex;
                    break;
                }
            } else if (codePoint == '(') {
                depth++;
                if (regexpPosition == input.length - 1) {
                    error(regexpStart, index, "unbalanced '(' in a regexp group");
                    return;
                }
                int temporaryPosition = nextIndex;
                getNext();
                if (codePoint != '?') {
                    error(regexpStart, index,
                            "a regexp group must not contain a capturing group; use '(?:' for grouping");
                    return;
                }
                nextIndex = temporaryPosition;
            }
            regexpPosition = nextIndex;
        }
        if (depth != 0) {
            error(regexpStart, index, "unbalanced '(' in a regexp group");
            return;
        }
        int regexpLength = regexpPosition - regexpStart - 1;
        if (regexpLength == 0) {
            error(regexpStart, index, "a regexp group must not be empty");
            return;
        }
        add(Type.REGEXP, regexpPosition, regexpStart, regexpLength);
    }

    private void getNext() {
        codePoint = input[nextIndex];
        nextIndex++;
    }

    private void seekAndGetNext(int at) {
        nextIndex = at;
        getNext();
    }

    private void add(Type type, int nextPosition, int valuePosition, int valueLength) {
        tokens.add(new Token(type, index, new String(input, valuePosition, valueLength)));
        index = nextPosition;
    }

    private void addDefault(Type type) {
        add(type, nextIndex, index, nextIndex - index);
    }

    private void error(int nextPosition, int valuePosition, String message) {
        if (strict) {
            throw new IllegalArgumentException(message + " (at position " + index + ")");
        }
        add(Type.INVALID_CHAR, nextPosition, valuePosition, nextPosition - valuePosition);
    }

    /** ECMAScript IdentifierStart / IdentifierPart, by Java's Unicode identifier properties. */
    static boolean isValidNameCodePoint(int c, boolean first) {
        if (c == '$' || c == '_') {
            return true;
        }
        if (first) {
            return Character.isUnicodeIdentifierStart(c);
        }
        if (c == 0x200C || c == 0x200D) {
            return true;
        }
        return Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c);
    }
}
